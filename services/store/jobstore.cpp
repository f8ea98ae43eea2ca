#include "store/jobstore.h"

#include "store/scopedtransaction.h"
#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace aime {

namespace {

ImportJobRecord jobFromRow(const QSqlQuery &query)
{
    ImportJobRecord job;
    job.id = query.value(0).toLongLong();
    job.source = query.value(1).toString();
    job.params = stored::jsonFrom(query.value(2));
    job.state = ImportJobRecord::stateFromName(query.value(3).toString());
    job.total = query.value(4).toInt();
    job.done = query.value(5).toInt();
    job.cursor = stored::jsonFrom(query.value(6));
    job.error = query.value(7).toString();
    job.createdAt = stored::timeFrom(query.value(8));
    job.startedAt = stored::timeFrom(query.value(9));
    job.finishedAt = stored::timeFrom(query.value(10));
    job.owner = query.value(11).toString();
    return job;
}

const QString jobColumns = QStringLiteral(
    "id, source, params, state, total, done, cursor, error, created_at, started_at, "
    "finished_at, owner");

bool processIsAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
#else
    Q_UNUSED(pid);
    return false;
#endif
}

} // namespace

QString JobStore::processOwner()
{
    return QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());
}

std::optional<ImportJobRecord> JobStore::create(const QString &source, const QJsonObject &params,
                                                QString *error)
{
    const auto failWith = [error](const QString &text) -> std::optional<ImportJobRecord> {
        if (error)
            *error = text;
        qCWarning(lcStore).noquote() << text;
        return std::nullopt;
    };
    const StoreStatus status = m_database->status();
    if (!status.ok())
        return failWith(status.message);
    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    ScopedTransaction transaction(db);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO import_jobs (source, params, state, created_at, "
                                  "cursor) VALUES (?, ?, ?, ?, '{}')%1")
                       .arg(m_database->dialect().returningId()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!execWith(insert,
                  {source, stored::json(params), ImportJobRecord::stateName(JobState::Queued),
                   stored::time(now)}))
        return failWith(tr("Cannot record the import: %1").arg(insert.lastError().text()));
    const qint64 id = m_database->dialect().insertedId(insert);
    if (id == 0 || !transaction.commit())
        return failWith(tr("Cannot record the import: %1").arg(db.lastError().text()));
    ImportJobRecord job;
    job.id = id;
    job.source = source;
    job.params = params;
    job.createdAt = now;
    return job;
}

std::optional<ImportJobRecord> JobStore::job(qint64 id)
{
    if (!m_database->status().ok())
        return std::nullopt;
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM import_jobs WHERE id = ?").arg(jobColumns));
    if (!execWith(query, {id}) || !query.next())
        return std::nullopt;
    return jobFromRow(query);
}

QList<ImportJobRecord> JobStore::all(QString *error)
{
    QList<ImportJobRecord> result;
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return result;
    }
    const QSemaphoreReleaser readSlot = m_database->readSlot();
    QSqlQuery query(m_database->connection());
    if (!query.exec(
            QStringLiteral("SELECT %1 FROM import_jobs ORDER BY id DESC").arg(jobColumns))) {
        if (error)
            *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result.append(jobFromRow(query));
    return result;
}

bool JobStore::save(const ImportJobRecord &job, QString *error)
{
    if (const StoreStatus status = m_database->status(); !status.ok()) {
        if (error)
            *error = status.message;
        return false;
    }
    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    ScopedTransaction transaction(db);
    QSqlQuery update(db);
    update.prepare(QStringLiteral(
        "UPDATE import_jobs SET state = ?, total = ?, done = ?, cursor = ?, error = ?, "
        "started_at = ?, finished_at = ?, owner = ?, params = ? WHERE id = ?"));
    const bool ok = execWith(update,
                             {ImportJobRecord::stateName(job.state), job.total, job.done,
                              stored::json(job.cursor), stored::textOrNull(job.error),
                              stored::textOrNull(stored::time(job.startedAt)),
                              stored::textOrNull(stored::time(job.finishedAt)),
                              stored::textOrNull(job.owner), stored::json(job.params), job.id})
        && transaction.commit();
    if (!ok) {
        const QString text = tr("Cannot save the import's state: %1")
                                 .arg(update.lastError().text() + db.lastError().text());
        qCWarning(lcStore).noquote() << text;
        if (error)
            *error = text;
    }
    return ok;
}

bool JobStore::remove(qint64 id)
{
    if (!m_database->status().ok())
        return false;
    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    ScopedTransaction transaction(db);
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM import_jobs WHERE id = ?"));
    return execWith(remove, {id}) && transaction.commit();
}

int JobStore::interruptOrphaned()
{
    QString error;
    const QList<ImportJobRecord> jobs = all(&error);
    const QString host = QSysInfo::machineHostName();
    int interrupted = 0;
    for (ImportJobRecord job : jobs) {
        if (job.state != JobState::Running && job.state != JobState::Queued)
            continue;
        const QString ownerHost = job.owner.section(u':', 0, -2);
        const qint64 ownerPid = job.owner.section(u':', -1).toLongLong();
        const bool ownedHere = ownerHost == host;
        if (ownedHere && ownerPid != QCoreApplication::applicationPid() && processIsAlive(ownerPid))
            continue;
        // A job of another host is left alone: its process cannot be checked from here.
        if (!job.owner.isEmpty() && !ownedHere)
            continue;
        job.state = JobState::Interrupted;
        if (save(job))
            ++interrupted;
    }
    return interrupted;
}

QString JobStore::writeCheckpoint(QSqlDatabase db, const JobCheckpoint &checkpoint)
{
    QSqlQuery saveCursor(db);
    saveCursor.prepare(
        QStringLiteral("UPDATE import_jobs SET cursor = ?, done = ?, total = ? WHERE id = ?"));
    if (!execWith(
            saveCursor,
            {stored::json(checkpoint.cursor), checkpoint.done, checkpoint.total, checkpoint.jobId}))
        return tr("Cannot save the job's progress: %1").arg(saveCursor.lastError().text());
    return {};
}

} // namespace aime
