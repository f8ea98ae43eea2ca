#include "providers/providerclient.h"

namespace aime {

ProviderClient::ProviderClient(const QString &name, QNetworkAccessManager *network,
                               QThreadPool *pool, const GateLimits &limits, QObject *parent)
    : QObject(parent), m_pool(pool), m_gate(new ProviderGate(name, network, limits, this))
{ }

ProviderClient::~ProviderClient() = default;

QString ProviderClient::failureMessage(const GateReply &reply, const QString &providerText) const
{
    if (providerText.isEmpty())
        return reply.errorString();
    return reply.errorString() + u' ' + tr("%1 says: %2").arg(m_gate->name(), providerText);
}

} // namespace aime
