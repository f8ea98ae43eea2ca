#include "import/importjob.h"

#include "core/futurecallback.h"
#include "store/albumstore.h"

#include <QLoggingCategory>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcImport, "aime.import")

namespace aime {

ImportJob::ImportJob(AlbumStore *store, QThreadPool *pool, ImportJobRecord record, QObject *parent)
    : QObject(parent), m_store(store), m_pool(pool), m_record(std::move(record))
{ }

ImportJob::~ImportJob() = default;

void ImportJob::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stopRequested = false;
    m_requests.setPriority(isInteractive() ? GatePriority::Interactive : GatePriority::Background);
    m_record.state = JobState::Running;
    m_record.error.clear();
    m_record.owner = AlbumStore::processOwner();
    m_record.startedAt = QDateTime::currentDateTimeUtc();
    m_record.finishedAt = {};
    // A small write; on the pool like every other. A cancel meanwhile waits for it, so the
    // job's last word on its row (cancelled) is never overtaken by this "running".
    m_writing = true;
    const ImportJobRecord snapshot = m_record;
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool,
                                 [store, snapshot] {
                                     QString error;
                                     store->saveJob(snapshot, &error);
                                     return error;
                                 }),
               this, [this](const QString &error) {
                   m_writing = false;
                   if (!error.isEmpty()) {
                       finish(JobState::Failed, error);
                       return;
                   }
                   Q_EMIT progressed(m_record);
                   if (m_stopRequested)
                       finish(m_stopState);
                   else
                       run();
               });
}

void ImportJob::cancel(bool interrupt)
{
    if (!m_running || m_stopRequested)
        return;
    m_stopRequested = true;
    m_stopState = interrupt ? JobState::Interrupted : JobState::Cancelled;
    m_requests.cancelAll();
    // A page (or the start) being stored finishes first; its handler ends the job.
    if (!m_writing)
        finish(m_stopState);
}

void ImportJob::commit(QList<Album> albums, const QJsonObject &cursor, int done, int total,
                       std::function<void()> next)
{
    commitWith(
        [albums = std::move(albums)](AlbumStore *store, const JobCheckpoint &checkpoint) {
            return store->upsertPage(albums, checkpoint).error;
        },
        cursor, done, total, std::move(next));
}

void ImportJob::commitWith(Write write, const QJsonObject &cursor, int done, int total,
                           std::function<void()> next)
{
    if (m_stopRequested)
        return;
    m_writing = true;
    AlbumStore *store = m_store;
    const JobCheckpoint checkpoint {m_record.id, cursor, done, total};
    onFinished(QtConcurrent::run(m_pool,
                                 [store, write = std::move(write), checkpoint] {
                                     return write(store, checkpoint);
                                 }),
               this, [this, checkpoint, next = std::move(next)](const QString &error) {
                   m_writing = false;
                   if (!error.isEmpty()) {
                       finish(JobState::Failed, error);
                       return;
                   }
                   m_record.cursor = checkpoint.cursor;
                   m_record.done = checkpoint.done;
                   m_record.total = checkpoint.total;
                   Q_EMIT progressed(m_record);
                   if (m_stopRequested) {
                       finish(m_stopState);
                       return;
                   }
                   next();
               });
}

void ImportJob::fail(const QString &message)
{
    if (m_stopRequested) {
        // The failure is the cancel's own (aborted requests).
        if (!m_writing)
            finish(m_stopState);
        return;
    }
    finish(JobState::Failed, message);
}

void ImportJob::complete()
{
    finish(JobState::Completed);
}

void ImportJob::complete(const QString &note)
{
    finish(JobState::Completed, note);
}

void ImportJob::finish(JobState state, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_requests.cancelAll();
    m_record.state = state;
    m_record.error = error;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    if (!error.isEmpty())
        qCWarning(lcImport).noquote()
            << "import" << m_record.id << (state == JobState::Completed ? "ended:" : "failed:")
            << error;
    const ImportJobRecord snapshot = m_record;
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool, [store, snapshot] { return store->saveJob(snapshot); }),
               this, [this](bool) { Q_EMIT finished(m_record); });
}

} // namespace aime
