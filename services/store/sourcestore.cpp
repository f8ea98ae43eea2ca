#include "store/sourcestore.h"

#include "domain/albumidentity.h"
#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace aime {

QList<qint64> SourceStore::numericSourceIds(const QString &provider, qint64 after, int limit,
                                            QString *error)
{
    QList<qint64> ids;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return ids;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT n FROM (SELECT %1 AS n FROM album_sources WHERE "
                                 "provider = ? AND external_id IS NOT NULL) s WHERE n > ? "
                                 "ORDER BY n LIMIT ?")
                      .arg(m_database->dialect().numberFromText(QStringLiteral("external_id"))));
    if (!execWith(query, {provider, after, limit})) {
        if (error)
            *error = query.lastError().text();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

int SourceStore::countNumericSourceIds(const QString &provider, QString *error)
{
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return -1;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT count(*) FROM (SELECT %1 AS n FROM album_sources WHERE "
                                 "provider = ? AND external_id IS NOT NULL) s WHERE n > 0")
                      .arg(m_database->dialect().numberFromText(QStringLiteral("external_id"))));
    if (!execWith(query, {provider}) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

QList<qint64> SourceStore::collectionMatches(const QList<Album> &candidates, QString *error)
{
    QList<qint64> ids;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return ids;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlDatabase db = m_database->connection();
    QSqlQuery bySource(db);
    bySource.prepare(QStringLiteral(
        "SELECT album_id FROM album_sources WHERE provider = ? AND external_id = ?"));
    QSqlQuery byEvidence(db);
    byEvidence.prepare(QStringLiteral("SELECT (SELECT id FROM albums WHERE barcode = ? LIMIT 1), "
                                      "(SELECT id FROM albums WHERE match_key = ? LIMIT 1)"));
    const auto failed = [&](const QSqlQuery &query) {
        if (error)
            *error = query.lastError().text();
        qCWarning(lcStore) << "collection match failed:" << query.lastError().text();
        return QList<qint64>();
    };
    const auto storedSource
        = [&](const QString &provider, const QString &externalId, qint64 *albumId) {
              if (externalId.isEmpty())
                  return true;
              if (!execWith(bySource, {provider, externalId}))
                  return false;
              if (bySource.next())
                  *albumId = bySource.value(0).toLongLong();
              bySource.finish();
              return true;
          };

    ids.reserve(candidates.size());
    for (const Album &candidate : candidates) {
        qint64 albumId = 0;
        QString barcode = AlbumIdentity::normalisedBarcode(candidate.barcode);
        for (const SourceRef &source : candidate.sources) {
            if (barcode.isEmpty())
                barcode = AlbumIdentity::normalisedBarcode(source.barcode);
            if (albumId == 0 && !storedSource(source.provider, source.externalId, &albumId))
                return failed(bySource);
            const QJsonArray related = source.extra.value(QLatin1String("releases")).toArray();
            for (qsizetype i = 0; i < related.size() && albumId == 0; ++i) {
                if (!storedSource(source.provider, related.at(i).toString(), &albumId))
                    return failed(bySource);
            }
        }
        if (albumId == 0) {
            const QString matchKey
                = AlbumIdentity::matchKey(candidate.artist, candidate.title, candidate.year);
            if (!execWith(byEvidence, {stored::textOrNull(barcode), stored::textOrNull(matchKey)}))
                return failed(byEvidence);
            if (byEvidence.next()) {
                albumId = byEvidence.value(0).toLongLong();
                if (albumId == 0)
                    albumId = byEvidence.value(1).toLongLong();
            }
            byEvidence.finish();
        }
        ids.append(albumId);
    }
    return ids;
}

} // namespace aime
