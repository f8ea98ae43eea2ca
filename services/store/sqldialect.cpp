#include "store/sqldialect.h"

#include "domain/albumidentity.h"
#include "store/ftsquery.h"
#include "store/sqlexec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace aime {

SqlDialect SqlDialect::forConfig(const StoreConfig &config)
{
    return SqlDialect(config.isSqlite() ? Backend::Sqlite : Backend::PostgreSql);
}

QString SqlDialect::returningId() const
{
    return isSqlite() ? QString() : QStringLiteral(" RETURNING id");
}

qint64 SqlDialect::insertedId(QSqlQuery &insert) const
{
    if (isSqlite())
        return insert.lastInsertId().toLongLong();
    if (!insert.next())
        return 0;
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    return id;
}

QString SqlDialect::filterClause(const QString &filterText, QVariantList &binds) const
{
    if (isSqlite()) {
        const QString match = FtsQuery::fromUserText(filterText);
        if (match.isEmpty())
            return {};
        binds.append(match);
        return QStringLiteral("id IN (SELECT rowid FROM albums_fts WHERE albums_fts MATCH ?)");
    }
    QStringList clauses;
    const QStringList words = AlbumIdentity::fold(filterText).split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        clauses.append(QStringLiteral("lower(title || ' ' || artist || ' ' || coalesce(label, '') "
                                      "|| ' ' || coalesce(genres, '')) LIKE ?"));
        binds.append(QString(u'%' + word + u'%'));
    }
    return clauses.join(QLatin1String(" AND "));
}

QString SqlDialect::reindexAlbums(QSqlDatabase db, const QList<qint64> &albumIds) const
{
    if (!isSqlite() || albumIds.isEmpty())
        return {};
    // FTS5 flushes its pending terms at every statement savepoint once it is part of the
    // transaction, so touching it once per album costs more than everything else together: the
    // albums are indexed by two statements, their ids passed as one JSON array.
    QJsonArray ids;
    for (const qint64 id : albumIds)
        ids.append(id);
    const QString idList = QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
    QSqlQuery dropIndexed(db);
    QSqlQuery index(db);
    dropIndexed.prepare(
        QStringLiteral("DELETE FROM albums_fts WHERE rowid IN (SELECT value FROM json_each(?))"));
    index.prepare(QStringLiteral(
        "INSERT INTO albums_fts (rowid, title, artist, label, genres, tracks) "
        "SELECT a.id, a.title, a.artist, coalesce(a.label, ''), coalesce(a.genres, ''), "
        "coalesce((SELECT group_concat(t.title, ' ') FROM tracks t WHERE "
        "t.album_id = a.id), '') FROM albums a WHERE a.id IN "
        "(SELECT DISTINCT value FROM json_each(?))"));
    if (!execWith(dropIndexed, {idList}))
        return dropIndexed.lastError().text();
    if (!execWith(index, {idList}))
        return index.lastError().text();
    return {};
}

} // namespace aime
