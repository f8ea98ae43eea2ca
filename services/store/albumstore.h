#pragma once

#include "domain/album.h"
#include "domain/albumdescription.h"
#include "domain/importjobrecord.h"
#include "store/albumquery.h"
#include "store/albumreader.h"
#include "store/albumwriter.h"
#include "store/changelistener.h"
#include "store/coverstore.h"
#include "store/descriptionstore.h"
#include "store/jobstore.h"
#include "store/schemamigrator.h"
#include "store/sourcestore.h"
#include "store/storeconfig.h"
#include "store/storedatabase.h"
#include "store/summaryreader.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace aime {

// The collection in a QSqlDatabase (DESIGN.md section 4), SQLite or PostgreSQL. Each concern has
// its own class over the shared StoreDatabase (albumwriter, summaryreader, albumreader,
// sourcestore, jobstore, descriptionstore, coverstore); this is the door the rest of AIME uses,
// and the one that says which albums changed. Every method may be called from any thread: each
// thread uses its own connection; writes are serialised and run in one transaction per call; at
// most StoreConfig::maxConcurrentReads reads run at once. The GUI thread should not call it: go
// through QtConcurrent on the application's pool.
class AlbumStore : public QObject
{
    Q_OBJECT

public:
    explicit AlbumStore(StoreConfig config, QObject *parent = nullptr);
    ~AlbumStore() override;

    // Checks, opens and migrates the database. Never modifies a file it refuses. On PostgreSQL
    // it also listens for what other desktops change (albumsChanged tells of it too).
    StoreStatus open();
    StoreStatus status() const { return m_database.status(); }
    const StoreConfig &config() const { return m_database.config(); }

    UpsertResult upsertPage(const QList<Album> &albums);
    // The same, with an import job's progress and cursor committed in the same transaction: after
    // a crash the job goes on exactly after the last page stored. An empty page still saves the
    // checkpoint.
    UpsertResult upsertPage(const QList<Album> &albums, const JobCheckpoint &checkpoint);

    // Import jobs (the import_jobs table).
    std::optional<ImportJobRecord> createJob(const QString &source, const QJsonObject &params,
                                             QString *error = nullptr)
    {
        return m_jobs.create(source, params, error);
    }
    std::optional<ImportJobRecord> job(qint64 id) { return m_jobs.job(id); }
    // Newest first; empty with *error on a database error.
    QList<ImportJobRecord> jobs(QString *error = nullptr) { return m_jobs.all(error); }
    // Writes state, counts, cursor, error, owner and times.
    bool saveJob(const ImportJobRecord &job, QString *error = nullptr)
    {
        return m_jobs.save(job, error);
    }
    bool removeJob(qint64 id) { return m_jobs.remove(id); }
    // Jobs left queued or running by a process that is gone (a crash, a power cut): marked
    // interrupted. Jobs of a live process on this host are left alone. Returns how many.
    int interruptOrphanedJobs() { return m_jobs.interruptOrphaned(); }
    // "host:pid" of this process, for ImportJobRecord::owner.
    static QString processOwner() { return JobStore::processOwner(); }

    // See SourceStore.
    QList<qint64> numericSourceIds(const QString &provider, qint64 after, int limit,
                                   QString *error = nullptr)
    {
        return m_sources.numericSourceIds(provider, after, limit, error);
    }
    int countNumericSourceIds(const QString &provider, QString *error = nullptr)
    {
        return m_sources.countNumericSourceIds(provider, error);
    }
    QList<qint64> collectionMatches(const QList<Album> &candidates, QString *error = nullptr)
    {
        return m_sources.collectionMatches(candidates, error);
    }

    // See DescriptionStore::save.
    QString saveDescriptions(const QList<AlbumDescription> &descriptions,
                             const JobCheckpoint *checkpoint);
    QList<qint64> albumIdsWithoutDescription(qint64 after, int limit, QString *error = nullptr)
    {
        return m_descriptions.albumIdsWithout(after, limit, error);
    }
    int countWithoutDescription(qint64 after = 0) { return m_descriptions.countWithout(after); }

    // See SummaryReader.
    SummaryPage summaries(const AlbumQuery &query, const PageCursor &after, int limit)
    {
        return m_summaries.after(query, after, limit);
    }
    SummaryPage summariesAt(const AlbumQuery &query, int offset, int limit)
    {
        return m_summaries.at(query, offset, limit);
    }
    int rowOf(const AlbumQuery &query, qint64 albumId) { return m_summaries.rowOf(query, albumId); }
    int count(const AlbumQuery &query) { return m_summaries.count(query); }

    // See AlbumReader.
    std::optional<Album> album(qint64 id) { return m_albums.album(id); }
    bool forEachAlbum(const std::function<bool(const Album &)> &visit, QString *error = nullptr)
    {
        return m_albums.forEachAlbum(visit, error);
    }

    // See CoverStore.
    bool setCoverFile(qint64 albumId, const QString &path)
    {
        return m_covers.setFiles({{albumId, path}}).isEmpty();
    }
    QString setCoverFiles(const QList<std::pair<qint64, QString>> &files,
                          const JobCheckpoint *checkpoint = nullptr)
    {
        return m_covers.setFiles(files, checkpoint);
    }
    QString forgetCoverFiles(const QStringList &paths) { return m_covers.forgetFiles(paths); }
    QList<AlbumSummary> albumsWithoutCover(qint64 after, int limit, QString *error = nullptr)
    {
        return m_covers.albumsWithout(after, limit, error);
    }

Q_SIGNALS:
    // Emitted from the writing thread after the commit; connect with a queued connection.
    void albumsChanged(const QList<qint64> &albumIds);

private:
    // Says which albums a written page changed.
    UpsertResult announce(const UpsertResult &result);

    StoreDatabase m_database;
    AlbumWriter m_writer {&m_database};
    SummaryReader m_summaries {&m_database};
    AlbumReader m_albums {&m_database};
    SourceStore m_sources {&m_database};
    JobStore m_jobs {&m_database};
    DescriptionStore m_descriptions {&m_database};
    CoverStore m_covers {&m_database};
    std::unique_ptr<ChangeListener> m_changes; // PostgreSQL only; goes before the database
};

} // namespace aime
