#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace aime {

enum class JobState { Queued, Running, Completed, Failed, Cancelled, Interrupted };

// One import job as the import_jobs table keeps it (DESIGN.md section 4): it survives restarts,
// and an interrupted job resumes from its cursor.
struct ImportJobRecord
{
    qint64 id = 0;
    QString source; // "discogs" (collection), "spotify" (saved albums)
    QJsonObject params; // e.g. {"user": "collector"}
    JobState state = JobState::Queued;
    int total = 0; // items in the current phase, as the provider says
    int done = 0; // items of the current phase stored
    QJsonObject cursor; // where to go on, committed with the page it follows
    QString error; // what went wrong, for a person
    QString owner; // "host:pid" of the process running it
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    bool isFinished() const
    {
        return state == JobState::Completed || state == JobState::Failed
            || state == JobState::Cancelled;
    }
    bool canResume() const
    {
        return state == JobState::Interrupted || state == JobState::Failed
            || state == JobState::Cancelled;
    }

    static QString stateName(JobState state);
    static JobState stateFromName(const QString &name); // unknown names read as Interrupted
};

// What a page of an import writes with its albums, in the same transaction.
struct JobCheckpoint
{
    qint64 jobId = 0;
    QJsonObject cursor;
    int done = 0;
    int total = 0;
};

} // namespace aime
