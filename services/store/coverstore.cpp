#include "store/coverstore.h"

#include "store/jobstore.h"
#include "store/scopedtransaction.h"
#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"
#include "store/summaryreader.h"

#include <QSqlError>
#include <QSqlQuery>

namespace aime {

QString CoverStore::setFiles(const QList<std::pair<qint64, QString>> &files,
                             const JobCheckpoint *checkpoint)
{
    QList<QVariantList> rows;
    rows.reserve(files.size());
    for (const auto &[albumId, path] : files)
        rows.append({stored::textOrNull(path), albumId});
    return updateEach(QStringLiteral("UPDATE albums SET cover_file = ? WHERE id = ?"), rows,
                      checkpoint, tr("Cannot keep the covers' files: %1"));
}

QString CoverStore::forgetFiles(const QStringList &paths)
{
    QList<QVariantList> rows;
    rows.reserve(paths.size());
    for (const QString &path : paths)
        rows.append({path});
    return updateEach(QStringLiteral("UPDATE albums SET cover_file = NULL WHERE cover_file = ?"),
                      rows, nullptr, tr("Cannot forget the covers' files: %1"));
}

QString CoverStore::updateEach(const QString &sql, const QList<QVariantList> &rows,
                               const JobCheckpoint *checkpoint, const QString &failure)
{
    if (const StoreStatus status = m_database->status(); !status.ok())
        return status.message;
    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    ScopedTransaction transaction(db);
    if (!transaction.isActive())
        return tr("Cannot start a transaction: %1").arg(transaction.errorText());
    QSqlQuery update(db);
    update.prepare(sql);
    for (const QVariantList &row : rows) {
        if (!execWith(update, row)) {
            const QString error = failure.arg(update.lastError().text());
            qCWarning(lcStore).noquote() << error;
            return error;
        }
    }
    if (checkpoint) {
        const QString error = JobStore::writeCheckpoint(db, *checkpoint);
        if (!error.isEmpty())
            return error;
    }
    if (!transaction.commit())
        return failure.arg(db.lastError().text());
    return {};
}

QList<AlbumSummary> CoverStore::albumsWithout(qint64 after, int limit, QString *error)
{
    QList<AlbumSummary> albums;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return albums;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery select(m_database->connection());
    select.setForwardOnly(true);
    select.prepare(QStringLiteral("SELECT %1 FROM albums WHERE id > ? AND (cover_file IS NULL OR "
                                  "cover_file = '') ORDER BY id LIMIT ?")
                       .arg(SummaryReader::columns()));
    if (!execWith(select, {after, limit})) {
        if (error)
            *error = select.lastError().text();
        return albums;
    }
    while (select.next())
        albums.append(SummaryReader::fromRow(select));
    return albums;
}

} // namespace aime
