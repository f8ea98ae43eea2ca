#include "domain/importjobrecord.h"

namespace aime {

QString ImportJobRecord::stateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Completed:
        return QStringLiteral("completed");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    case JobState::Interrupted:
        break;
    }
    return QStringLiteral("interrupted");
}

JobState ImportJobRecord::stateFromName(const QString &name)
{
    for (const JobState state : {JobState::Queued, JobState::Running, JobState::Completed,
                                 JobState::Failed, JobState::Cancelled}) {
        if (name == stateName(state))
            return state;
    }
    return JobState::Interrupted;
}

} // namespace aime
