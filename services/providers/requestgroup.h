#pragma once

#include "providers/gatereply.h"

#include <QList>
#include <QPointer>

namespace aime {

// Everything one caller sent (an import job, one Search Online query), across clients and
// gates, so it can be cancelled at once without touching anybody else's requests.
class RequestGroup
{
public:
    RequestGroup() = default;
    RequestGroup(const RequestGroup &) = delete;
    RequestGroup &operator=(const RequestGroup &) = delete;
    // Cancels what is still running: a caller that goes away takes its requests with it.
    ~RequestGroup() { cancelAll(); }

    // Returns reply, so a call can be wrapped: group.add(client.search(...)).
    GateReply *add(GateReply *reply);
    // Whose requests these are: a background job's requests wait behind what a person waits
    // for (applied to each request as it is added, and to those still waiting).
    void setPriority(GatePriority priority);
    // Cancels every request of the group that has not finished; each still finishes once (as
    // Cancelled), so its `done` runs.
    void cancelAll();
    // Requests of the group that have not finished.
    int pending() const;

private:
    QList<QPointer<GateReply>> m_replies;
    GatePriority m_priority = GatePriority::Interactive;
};

} // namespace aime
