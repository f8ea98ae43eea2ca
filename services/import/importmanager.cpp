#include "import/importmanager.h"

#include "ai/describealbumsjob.h"
#include "core/futurecallback.h"
#include "covers/fetchcoversjob.h"
#include "import/discogscollectionimport.h"
#include "import/singlealbumimport.h"
#include "import/spotifysavedalbumsimport.h"
#include "providers/discogsclient.h"
#include "providers/providergate.h"
#include "providers/spotifyclient.h"
#include "store/albumstore.h"

#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent>

namespace aime {

ImportManager::ImportManager(AlbumStore *store, QThreadPool *pool, DiscogsClient *discogs,
                             SpotifyClient *spotify, QObject *parent)
    : QObject(parent), m_store(store), m_pool(pool), m_discogs(discogs), m_spotify(spotify)
{
    // The panel says when a provider holds the jobs back, and for how long.
    if (m_discogs) {
        connect(m_discogs->gate(), &ProviderGate::rateLimited, this, [this](qint64 waitMs) {
            holdBack(QString::fromLatin1(DiscogsCollectionImport::source), waitMs);
        });
    }
    if (m_spotify) {
        connect(m_spotify->gate(), &ProviderGate::rateLimited, this, [this](qint64 waitMs) {
            holdBack(QString::fromLatin1(SpotifySavedAlbumsImport::source), waitMs);
        });
    }
}

void ImportManager::holdBack(const QString &source, qint64 waitMs)
{
    m_rateLimitedUntil.insert(source, QDeadlineTimer(waitMs));
    for (const ImportJobRecord &record : std::as_const(m_records)) {
        if (record.source == source && m_running.contains(record.id))
            Q_EMIT jobChanged(record);
    }
}

QString ImportManager::waiting(qint64 id) const
{
    const std::optional<ImportJobRecord> known = record(id);
    if (!known || !m_running.contains(id))
        return {};
    const QDeadlineTimer until = m_rateLimitedUntil.value(known->source, QDeadlineTimer());
    const qint64 remaining = until.remainingTime();
    if (until.isForever() || remaining <= 0)
        return {};
    return tr("rate limit, %1 s").arg((remaining + 999) / 1000);
}

ImportManager::~ImportManager()
{
    // Jobs still running here were not shut down: they are found interrupted at the next start.
    for (ImportJob *job : std::as_const(m_running))
        job->disconnect(this);
}

void ImportManager::load()
{
    AlbumStore *store = m_store;
    onFinished(QtConcurrent::run(m_pool,
                                 [store] {
                                     store->interruptOrphanedJobs();
                                     QString error;
                                     QList<ImportJobRecord> records = store->jobs(&error);
                                     return std::make_pair(records, error);
                                 }),
               this, [this](const std::pair<QList<ImportJobRecord>, QString> &loaded) {
                   if (!loaded.second.isEmpty())
                       Q_EMIT problem(tr("Cannot read the imports: %1").arg(loaded.second));
                   m_records = loaded.first;
                   m_loaded = true;
                   Q_EMIT this->loaded();
               });
}

std::optional<ImportJobRecord> ImportManager::record(qint64 id) const
{
    for (const ImportJobRecord &record : m_records) {
        if (record.id == id)
            return record;
    }
    return std::nullopt;
}

QString ImportManager::phase(qint64 id) const
{
    ImportJob *job = m_running.value(id);
    return job ? job->phase() : QString();
}

void ImportManager::upsertRecord(const ImportJobRecord &record)
{
    for (ImportJobRecord &known : m_records) {
        if (known.id == record.id) {
            known = record;
            Q_EMIT jobChanged(record);
            return;
        }
    }
    m_records.prepend(record);
    Q_EMIT jobChanged(record);
}

void ImportManager::startImport(const QString &source, const QJsonObject &params)
{
    if (m_shuttingDown) {
        Q_EMIT importRefused(source, params, tr("AIME is quitting."));
        return;
    }
    for (const ImportJobRecord &known : std::as_const(m_records)) {
        const bool active = m_running.contains(known.id) || m_queue.contains(known.id);
        if (active && known.source == source && known.params == params) {
            Q_EMIT focusRequested(known.id);
            return;
        }
    }
    AlbumStore *store = m_store;
    onFinished(
        QtConcurrent::run(m_pool,
                          [store, source, params] {
                              QString error;
                              std::optional<ImportJobRecord> record
                                  = store->createJob(source, params, &error);
                              return std::make_pair(record, error);
                          }),
        this,
        [this, source, params](const std::pair<std::optional<ImportJobRecord>, QString> &created) {
            if (!created.first) {
                Q_EMIT problem(created.second);
                Q_EMIT importRefused(source, params, created.second);
                return;
            }
            upsertRecord(*created.first);
            Q_EMIT focusRequested(created.first->id);
            enqueue(*created.first);
        });
}

void ImportManager::enqueue(const ImportJobRecord &record)
{
    if (m_shuttingDown || m_running.contains(record.id) || m_queue.contains(record.id))
        return;
    ImportJobRecord queued = record;
    queued.state = JobState::Queued;
    queued.error.clear();
    upsertRecord(queued);
    m_queue.append(record.id);
    startQueued();
}

ImportJob *ImportManager::newJob(const ImportJobRecord &record, QString *problem)
{
    if (record.source == QLatin1String(DiscogsCollectionImport::source) && m_discogs)
        return new DiscogsCollectionImport(m_store, m_pool, m_discogs, record, this);
    if (record.source == QLatin1String(SpotifySavedAlbumsImport::source) && m_spotify)
        return new SpotifySavedAlbumsImport(m_store, m_pool, m_spotify, record, this);
    if (record.source == QLatin1String(FetchCoversJob::source) && m_covers)
        return new FetchCoversJob(m_store, m_pool, m_covers, record, this);
    if (record.source == QLatin1String(DescribeAlbumsJob::source) && m_descriptions)
        return new DescribeAlbumsJob(m_store, m_pool, m_descriptions, record, this);
    if (record.source == QLatin1String(SingleAlbumImport::source))
        return new SingleAlbumImport(m_store, m_pool, m_spotify, m_discogs, m_musicBrainz, record,
                                     this);
    *problem = tr("AIME cannot run \"%1\" imports.").arg(record.source);
    return nullptr;
}

void ImportManager::startQueued()
{
    while (!m_queue.isEmpty() && m_running.size() < maxRunning && !m_shuttingDown) {
        const qint64 id = m_queue.takeFirst();
        const std::optional<ImportJobRecord> known = record(id);
        if (!known)
            continue;
        QString why;
        ImportJob *job = newJob(*known, &why);
        if (!job) {
            ImportJobRecord failed = *known;
            failed.state = JobState::Failed;
            failed.error = why;
            upsertRecord(failed);
            continue;
        }
        m_running.insert(id, job);
        connect(job, &ImportJob::progressed, this, &ImportManager::upsertRecord);
        connect(job, &ImportJob::finished, this, [this, id, job](const ImportJobRecord &end) {
            m_running.remove(id);
            job->deleteLater();
            upsertRecord(end);
            Q_EMIT jobFinished(end);
            startQueued();
        });
        job->start();
    }
}

void ImportManager::cancel(qint64 id)
{
    if (m_queue.removeOne(id)) {
        if (std::optional<ImportJobRecord> known = record(id)) {
            known->state = JobState::Cancelled;
            upsertRecord(*known);
            const ImportJobRecord snapshot = *known;
            AlbumStore *store = m_store;
            m_pool->start([store, snapshot] { store->saveJob(snapshot); });
        }
        return;
    }
    if (ImportJob *job = m_running.value(id))
        job->cancel();
}

void ImportManager::retry(qint64 id)
{
    const std::optional<ImportJobRecord> known = record(id);
    if (known && known->canResume())
        enqueue(*known);
}

void ImportManager::remove(qint64 id)
{
    const std::optional<ImportJobRecord> known = record(id);
    if (!known || m_running.contains(id) || m_queue.contains(id))
        return;
    m_records.removeIf([id](const ImportJobRecord &record) { return record.id == id; });
    Q_EMIT jobRemoved(id);
    AlbumStore *store = m_store;
    m_pool->start([store, id] { store->removeJob(id); });
}

void ImportManager::resumeInterrupted()
{
    QList<ImportJobRecord> interrupted;
    for (const ImportJobRecord &known : std::as_const(m_records)) {
        if (known.state == JobState::Interrupted)
            interrupted.prepend(known);
    }
    for (const ImportJobRecord &known : interrupted)
        enqueue(known);
}

void ImportManager::shutdown(const std::function<void()> &done)
{
    m_shuttingDown = true;
    m_queue.clear();
    if (m_running.isEmpty()) {
        done();
        return;
    }
    auto called = std::make_shared<bool>(false);
    const auto finishOnce = [called, done] {
        if (!*called) {
            *called = true;
            done();
        }
    };
    connect(this, &ImportManager::jobFinished, this, [this, finishOnce] {
        if (m_running.isEmpty())
            finishOnce();
    });
    QTimer::singleShot(5000, this, finishOnce);
    const QList<ImportJob *> running = m_running.values();
    for (ImportJob *job : running)
        job->cancel(true);
}

} // namespace aime
