#pragma once

#include "domain/importjobrecord.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

class QThreadPool;

namespace aime {

class AlbumStore;
class CoverFetcher;
class DescriptionService;
class DiscogsClient;
class ImportJob;
class MusicBrainzClient;
class SpotifyClient;

// Runs the import jobs of one process (DESIGN.md section 3): at most `maxRunning` at once, the
// rest queued; one job per source and parameters (starting it again shows the one there is);
// cancel, retry from the cursor, resume after a crash; at shutdown every running job is stopped
// as interrupted and its state saved within five seconds. Records live in the store; this class
// keeps a copy for the UI and says what changed.
class ImportManager : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxRunning = 10;

    ImportManager(AlbumStore *store, QThreadPool *pool, DiscogsClient *discogs,
                  SpotifyClient *spotify, QObject *parent = nullptr);
    ~ImportManager() override;

    // Albums added from a MusicBrainz search result are looked up through it.
    void setMusicBrainzClient(MusicBrainzClient *musicBrainz) { m_musicBrainz = musicBrainz; }
    // "describe" jobs (Tools > Describe albums) ask it for each album's description.
    void setDescriptionService(DescriptionService *descriptions) { m_descriptions = descriptions; }
    // "covers" jobs (Tools > Fetch missing covers) download through it.
    void setCoverFetcher(CoverFetcher *covers) { m_covers = covers; }

    // Reads the jobs from the store (marking those of a crashed process interrupted);
    // loaded() follows.
    void load();
    bool isLoaded() const { return m_loaded; }
    // Newest first.
    QList<ImportJobRecord> jobs() const { return m_records; }
    std::optional<ImportJobRecord> record(qint64 id) const;
    // What a running job is doing ("collection", "release details"); empty when not running.
    QString phase(qint64 id) const;
    bool isRunning(qint64 id) const { return m_running.contains(id); }
    // Why a running job is held back and for how long, e.g. "rate limit, 12 s"; empty when
    // it is not.
    QString waiting(qint64 id) const;
    int runningCount() const { return int(m_running.size()); }

    // A new job, unless one with the same source and parameters is queued or running: then
    // focusRequested() names it.
    void startImport(const QString &source, const QJsonObject &params);
    void cancel(qint64 id);
    // A failed, cancelled or interrupted job goes on from its cursor.
    void retry(qint64 id);
    // Forgets a finished job (its albums stay).
    void remove(qint64 id);
    void resumeInterrupted();

    // Stops every job as interrupted, then calls done once their states are saved, or after
    // five seconds at most.
    void shutdown(const std::function<void()> &done);

Q_SIGNALS:
    void loaded();
    void jobChanged(const aime::ImportJobRecord &record);
    void jobRemoved(qint64 id);
    void focusRequested(qint64 id);
    // startImport() could not create the job (shutting down, or the store refused it).
    void importRefused(const QString &source, const QJsonObject &params, const QString &reason);
    void jobFinished(const aime::ImportJobRecord &record);
    void problem(const QString &message);

private:
    void upsertRecord(const ImportJobRecord &record);
    void enqueue(const ImportJobRecord &record);
    void startQueued();
    ImportJob *newJob(const ImportJobRecord &record, QString *problem);
    void holdBack(const QString &source, qint64 waitMs);

    AlbumStore *m_store;
    QThreadPool *m_pool;
    DiscogsClient *m_discogs;
    SpotifyClient *m_spotify;
    MusicBrainzClient *m_musicBrainz = nullptr;
    DescriptionService *m_descriptions = nullptr;
    CoverFetcher *m_covers = nullptr;
    QList<ImportJobRecord> m_records;
    QList<qint64> m_queue;
    QHash<qint64, ImportJob *> m_running;
    QHash<QString, QDeadlineTimer> m_rateLimitedUntil; // by source
    bool m_loaded = false;
    bool m_shuttingDown = false;
};

} // namespace aime
