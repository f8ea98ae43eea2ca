#include "providers/requestgroup.h"

namespace aime {

GateReply *RequestGroup::add(GateReply *reply)
{
    m_replies.removeIf(
        [](const QPointer<GateReply> &entry) { return entry.isNull() || entry->isFinished(); });
    if (reply) {
        m_replies.append(reply);
        if (m_priority != GatePriority::Interactive)
            reply->setPriority(m_priority);
    }
    return reply;
}

void RequestGroup::setPriority(GatePriority priority)
{
    m_priority = priority;
    for (const QPointer<GateReply> &reply : std::as_const(m_replies)) {
        if (reply)
            reply->setPriority(priority);
    }
}

void RequestGroup::cancelAll()
{
    const QList<QPointer<GateReply>> replies = std::exchange(m_replies, {});
    for (const QPointer<GateReply> &reply : replies) {
        if (reply)
            reply->cancel();
    }
}

int RequestGroup::pending() const
{
    return int(std::count_if(m_replies.cbegin(), m_replies.cend(), [](const auto &reply) {
        return !reply.isNull() && !reply->isFinished();
    }));
}

} // namespace aime
