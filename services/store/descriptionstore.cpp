#include "store/descriptionstore.h"

#include "store/jobstore.h"
#include "store/scopedtransaction.h"
#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace aime {

QString DescriptionStore::save(const QList<AlbumDescription> &descriptions,
                               const JobCheckpoint *checkpoint, QList<qint64> *changed)
{
    if (descriptions.isEmpty() && !checkpoint)
        return {};
    if (const StoreStatus status = m_database->status(); !status.ok())
        return status.message;
    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    ScopedTransaction transaction(db);
    if (!transaction.isActive())
        return tr("Cannot start a transaction: %1").arg(transaction.errorText());

    QSqlQuery written(db);
    // The model's words replace the person's only when they confirmed it.
    written.prepare(QStringLiteral("UPDATE albums SET ai_description = ?, ai_model = ?, "
                                   "ai_generated_at = ?, ai_edited = 0, updated_at = ? "
                                   "WHERE id = ? AND (ai_edited = 0 OR ? = 1)"));
    // The person's words keep the name of the model that first wrote the album's description.
    QSqlQuery edited(db);
    edited.prepare(QStringLiteral("UPDATE albums SET ai_description = ?, ai_generated_at = ?, "
                                  "ai_edited = 1, updated_at = ? WHERE id = ?"));
    QSqlQuery cleared(db);
    cleared.prepare(QStringLiteral("UPDATE albums SET ai_description = NULL, ai_model = NULL, "
                                   "ai_generated_at = NULL, ai_edited = 0, updated_at = ? "
                                   "WHERE id = ?"));
    const QString now = stored::time(QDateTime::currentDateTimeUtc());
    for (const AlbumDescription &description : descriptions) {
        const QString text = description.text.trimmed();
        const QString when
            = stored::time(description.writtenAt.isValid() ? description.writtenAt
                                                           : QDateTime::currentDateTimeUtc());
        QSqlQuery &query = text.isEmpty() ? cleared : description.edited ? edited : written;
        const bool ok = text.isEmpty() ? execWith(cleared, {now, description.albumId})
            : description.edited
            ? execWith(edited, {text, when, now, description.albumId})
            : execWith(written,
                       {text, stored::textOrNull(description.model), when, now, description.albumId,
                        description.replaceEdited ? 1 : 0});
        if (!ok) {
            const QString error
                = tr("Cannot store the description: %1").arg(query.lastError().text());
            qCWarning(lcStore).noquote() << error;
            return error;
        }
        if (query.numRowsAffected() > 0)
            changed->append(description.albumId);
    }
    if (checkpoint) {
        const QString error = JobStore::writeCheckpoint(db, *checkpoint);
        if (!error.isEmpty()) {
            qCWarning(lcStore).noquote() << error;
            return error;
        }
    }
    const QString notifyError
        = m_database->dialect().notifyChanged(db, m_database->changeToken(), *changed);
    if (!notifyError.isEmpty())
        return tr("Cannot save the descriptions: %1").arg(notifyError);
    if (!transaction.commit())
        return tr("Cannot save the descriptions: %1").arg(db.lastError().text());
    return {};
}

QList<qint64> DescriptionStore::albumIdsWithout(qint64 after, int limit, QString *error)
{
    QList<qint64> ids;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return ids;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id FROM albums WHERE id > ? AND (ai_description IS NULL "
                                 "OR ai_description = '') ORDER BY id LIMIT ?"));
    if (!execWith(query, {after, limit})) {
        if (error)
            *error = query.lastError().text();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

int DescriptionStore::countWithout(qint64 after)
{
    if (!m_database->status().ok())
        return -1;
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT count(*) FROM albums WHERE id > ? AND (ai_description IS "
                                 "NULL OR ai_description = '')"));
    if (!execWith(query, {after}) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace aime
