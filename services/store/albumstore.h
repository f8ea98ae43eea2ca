#pragma once

#include "ai/albumdescription.h"
#include "domain/album.h"
#include "import/importjobrecord.h"
#include "store/albumquery.h"
#include "store/connectionregistry.h"
#include "store/schemamigrator.h"
#include "store/storeconfig.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QSemaphore>

#include <functional>
#include <optional>

namespace aime {

enum class UpsertOutcome { Inserted, Updated, Merged };

struct UpsertResult
{
    QList<qint64> albumIds; // one per input album, in input order
    QList<UpsertOutcome> outcomes; // one per input album
    int inserted = 0;
    int updated = 0; // a known (provider, external_id): the album was refreshed
    int merged = 0; // same barcode or same artist + title + year: joined as another source
    // Albums that turned out to be another (a barcode from later data) and were merged into it.
    QList<qint64> removedIds;
    QString error; // set when the page was not written at all

    bool ok() const { return error.isEmpty(); }
};

// The collection in a QSqlDatabase (DESIGN.md section 4). Every method may be called from any
// thread: each thread uses its own connection; writes are serialised and run in one transaction
// per call; at most StoreConfig::maxConcurrentReads reads run at once. The GUI thread should not
// call it: go through QtConcurrent on the application's pool.
class AlbumStore : public QObject
{
    Q_OBJECT

public:
    explicit AlbumStore(StoreConfig config, QObject *parent = nullptr);
    ~AlbumStore() override;

    // Checks, opens and migrates the database. Never modifies a file it refuses.
    StoreStatus open();
    StoreStatus status() const;
    const StoreConfig &config() const { return m_connections.config(); }

    UpsertResult upsertPage(const QList<Album> &albums);
    // The same, with an import job's progress and cursor committed in the same transaction: after
    // a crash the job goes on exactly after the last page stored. An empty page still saves the
    // checkpoint.
    UpsertResult upsertPage(const QList<Album> &albums, const JobCheckpoint &checkpoint);

    // Import jobs (the import_jobs table).
    std::optional<ImportJobRecord> createJob(const QString &source, const QJsonObject &params,
                                             QString *error = nullptr);
    std::optional<ImportJobRecord> job(qint64 id);
    // Newest first; empty with *error on a database error.
    QList<ImportJobRecord> jobs(QString *error = nullptr);
    // Writes state, counts, cursor, error, owner and times.
    bool saveJob(const ImportJobRecord &job, QString *error = nullptr);
    bool removeJob(qint64 id);
    // Jobs left queued or running by a process that is gone (a crash, a power cut): marked
    // interrupted. Jobs of a live process on this host are left alone. Returns how many.
    int interruptOrphanedJobs();
    // "host:pid" of this process, for ImportJobRecord::owner.
    static QString processOwner();

    // The ids (as numbers) of the stored sources of `provider` above `after`, ascending: what a
    // details phase walks through, resumable from the last id it stored.
    QList<qint64> numericSourceIds(const QString &provider, qint64 after, int limit,
                                   QString *error = nullptr);
    // How many there are in all; -1 with *error on a database error.
    int countNumericSourceIds(const QString &provider, QString *error = nullptr);

    // For each candidate (a search result), the id of the stored album it is, or 0: a stored
    // source with one of its ids (a MusicBrainz release group also by the releases listed in
    // its source's extra), else the same barcode, else the same artist + title + year, as
    // upsertPage() decides. Empty with *error on a database error.
    QList<qint64> collectionMatches(const QList<Album> &candidates, QString *error = nullptr);

    // Album descriptions (issue 6), in one transaction, with a describe job's checkpoint when
    // given. An edited description keeps the album's ai_model (who first wrote it); an empty
    // text clears the description. Returns the error, empty on success.
    QString saveDescriptions(const QList<AlbumDescription> &descriptions,
                             const JobCheckpoint *checkpoint);
    // Albums without a description, ids ascending after `after`; and how many there are.
    QList<qint64> albumIdsWithoutDescription(qint64 after, int limit, QString *error = nullptr);
    int countWithoutDescription(qint64 after = 0); // -1 on error

    // A page of the grid: after a keyset position (cheap at any depth), or at a row offset (for
    // a jump; the store walks the sort index up to it).
    SummaryPage summaries(const AlbumQuery &query, const PageCursor &after, int limit);
    SummaryPage summariesAt(const AlbumQuery &query, int offset, int limit);
    // The album's row in the query's order (the number of matches sorted before it); -1 when
    // the album does not match the query or is gone, -2 on error.
    int rowOf(const AlbumQuery &query, qint64 albumId);
    // -1 on error.
    int count(const AlbumQuery &query);
    std::optional<Album> album(qint64 id);
    // Where the album's cover is kept (the disk cache's file), or empty to forget it.
    bool setCoverFile(qint64 albumId, const QString &path);
    // The same for many albums in one transaction (a cover job's batch, with its checkpoint;
    // a benchmark's set-up). Returns the error, empty on success.
    QString setCoverFiles(const QList<std::pair<qint64, QString>> &files,
                          const JobCheckpoint *checkpoint = nullptr);
    // Every album naming one of these files forgets it (the disk cache removed them), in one
    // transaction, so albumsWithoutCover() finds those albums again. Returns the error.
    QString forgetCoverFiles(const QStringList &paths);
    // Albums without a cover file that have somewhere to get one (a cover URL or a MusicBrainz
    // release), ids ascending after `after`.
    QList<AlbumSummary> albumsWithoutCover(qint64 after, int limit, QString *error = nullptr);
    // Calls visit for every album, full details included, in id order and in batches; stops early
    // when visit returns false. Returns false on a database error.
    bool forEachAlbum(const std::function<bool(const Album &)> &visit, QString *error = nullptr);

Q_SIGNALS:
    // Emitted from the writing thread after the commit; connect with a queued connection.
    void albumsChanged(const QList<qint64> &albumIds);

private:
    SummaryPage readSummaries(const AlbumQuery &query, const PageCursor &after, int offset,
                              int limit);
    UpsertResult writePage(const QList<Album> &albums, const JobCheckpoint *checkpoint);
    QSqlDatabase connection();
    // Saves a job's cursor and counts in the caller's transaction; returns the error.
    static QString writeCheckpoint(QSqlDatabase db, const JobCheckpoint &checkpoint);
    void loadDetails(QSqlDatabase db, Album &album);

    ConnectionRegistry m_connections;
    mutable QMutex m_statusMutex;
    StoreStatus m_status {StoreErrorKind::CannotOpen, tr("The store is not open yet.")};
    QMutex m_writeMutex;
    QSemaphore m_readSlots;
};

} // namespace aime
