#pragma once

#include "domain/importjobrecord.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace aime {

class StoreDatabase;

// Import and other background jobs as the import_jobs table keeps them: created, saved with
// their state, counts and cursor, found interrupted when their process is gone.
class JobStore
{
    Q_DECLARE_TR_FUNCTIONS(aime::AlbumStore)

public:
    explicit JobStore(StoreDatabase *database) : m_database(database) { }

    std::optional<ImportJobRecord> create(const QString &source, const QJsonObject &params,
                                          QString *error = nullptr);
    std::optional<ImportJobRecord> job(qint64 id);
    // Newest first; empty with *error on a database error.
    QList<ImportJobRecord> all(QString *error = nullptr);
    // Writes state, counts, cursor, error, owner and times.
    bool save(const ImportJobRecord &job, QString *error = nullptr);
    bool remove(qint64 id);
    // Jobs left queued or running by a process that is gone (a crash, a power cut): marked
    // interrupted. Jobs of a live process on this host are left alone. Returns how many.
    int interruptOrphaned();
    // "host:pid" of this process, for ImportJobRecord::owner.
    static QString processOwner();
    // Saves a job's cursor and counts in the caller's transaction; returns the error.
    static QString writeCheckpoint(QSqlDatabase db, const JobCheckpoint &checkpoint);

private:
    StoreDatabase *m_database;
};

} // namespace aime
