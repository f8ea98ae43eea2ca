#pragma once

#include "domain/album.h"
#include "domain/importjobrecord.h"
#include "providers/requestgroup.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QThreadPool;

namespace aime {

class AlbumStore;

// One running import (DESIGN.md section 3): provider replies arrive on this object's thread,
// each page is stored on the pool in one transaction together with the job's cursor, and the
// next request goes out when the page is stored. Progress and the end reach the caller by
// signals. A subclass says what to fetch next from record().cursor; the base class does the
// bookkeeping: states, times, owner, cancel, and never a half page.
class ImportJob : public QObject
{
    Q_OBJECT

public:
    ~ImportJob() override;

    const ImportJobRecord &record() const { return m_record; }
    // A short name of what the job is doing now, e.g. "collection" or "release details".
    virtual QString phase() const = 0;
    // Whether a person waits for this job (adding one album from Search Online); the others
    // are background work, whose requests wait behind a person's.
    virtual bool isInteractive() const { return false; }

    // Runs from the record's cursor (a new job starts at the beginning).
    void start();
    // Stops within a second: requests are aborted at once; a page being stored is finished
    // (a transaction is whole or nothing), then the job ends as cancelled. As `interrupt`, the
    // job ends as interrupted instead (shutdown: it resumes at the next start).
    void cancel(bool interrupt = false);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressed(const aime::ImportJobRecord &record);
    void finished(const aime::ImportJobRecord &record);

protected:
    ImportJob(AlbumStore *store, QThreadPool *pool, ImportJobRecord record, QObject *parent);

    // Goes on from record().cursor: sends the next request, or calls complete().
    virtual void run() = 0;

    AlbumStore *store() const { return m_store; }
    QThreadPool *pool() const { return m_pool; }
    RequestGroup &requests() { return m_requests; }
    bool stopping() const { return m_stopRequested; }
    // Wraps a provider's `done` so it runs only while this job exists and goes on: an answer
    // already being parsed on the pool when the job is cancelled arrives after the job ended,
    // and maybe after its manager deleted it.
    template<typename Callback> auto whileRunning(Callback callback)
    {
        return
            [self = QPointer<ImportJob>(this), callback = std::move(callback)](const auto &result) {
                if (self && self->isRunning() && !self->stopping())
                    callback(result);
            };
    }

    // Stores the albums with the new cursor and counts on the pool, then calls next on this
    // thread (unless the job was cancelled or the store failed).
    void commit(QList<Album> albums, const QJsonObject &cursor, int done, int total,
                std::function<void()> next);
    // The same for any write: `write` runs on the pool with the job's checkpoint, which it must
    // commit in its own transaction, and returns its error (empty on success).
    using Write = std::function<QString(AlbumStore *store, const JobCheckpoint &checkpoint)>;
    void commitWith(Write write, const QJsonObject &cursor, int done, int total,
                    std::function<void()> next);
    void fail(const QString &message);
    void complete();
    // Completed, with something a person should know (e.g. albums that were skipped).
    void complete(const QString &note);

private:
    void finish(JobState state, const QString &error = {});

    AlbumStore *m_store;
    QThreadPool *m_pool;
    ImportJobRecord m_record;
    RequestGroup m_requests;
    bool m_running = false;
    bool m_writing = false; // a write of this job is on the pool; the job ends after it
    bool m_stopRequested = false;
    JobState m_stopState = JobState::Cancelled;
};

} // namespace aime
