#include "providers/gatereply.h"

#include "providers/providergate.h"

namespace aime {

GateReply::GateReply(ProviderGate *gate, const QNetworkRequest &request)
    : m_gate(gate), m_request(request)
{ }

GateReply::~GateReply()
{
    if (!m_finished && m_gate)
        m_gate->cancelReply(this);
}

QByteArray GateReply::rawHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void GateReply::setPriority(GatePriority priority)
{
    if (!m_finished && m_gate)
        m_gate->reprioritize(this, priority);
}

void GateReply::cancel()
{
    if (!m_finished && m_gate)
        m_gate->cancelReply(this);
}

} // namespace aime
