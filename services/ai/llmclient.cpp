#include "ai/llmclient.h"

#include "providers/providerconfig.h"
#include "providers/providergate.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>

namespace aime {

LlmClient::LlmClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl baseUrl,
                     QObject *parent)
    : ProviderClient(tr("The AI endpoint"), network, pool,
                     ProviderConfig::limitsFromEnvironment(
                         Provider::Llm, QProcessEnvironment::systemEnvironment(),
                         ProviderConfig::defaultLimits(Provider::Llm)),
                     parent),
      m_baseUrl(std::move(baseUrl))
{
    gate()->setAuthorizer([this](QNetworkRequest &request) {
        if (!m_apiKey.isEmpty() && !request.hasRawHeader("Authorization")
            && sameOrigin(request.url()))
            request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    });
    gate()->setCredentialsCheck([this] { return !m_keyPending; });
    // Runs while the key is on its way (the requests wait), and after a 401 (no other key to
    // try: the request fails with what to do).
    gate()->setTokenRefresher([this](std::function<void(const QString &)> done) {
        if (m_keyPending) {
            m_keyWaiters.append(std::move(done));
            return;
        }
        done(m_apiKey.isEmpty()
                 ? tr("The AI endpoint wants an API key; add it in Preferences > AI.")
                 : tr("The AI endpoint refused the API key; check it in Preferences > AI."));
    });
}

void LlmClient::setApiKey(const QString &apiKey)
{
    m_apiKey = apiKey;
    releaseKeyWaiters();
}

void LlmClient::apiKeyUnavailable()
{
    releaseKeyWaiters();
}

void LlmClient::releaseKeyWaiters()
{
    m_keyPending = false;
    const auto waiters = std::exchange(m_keyWaiters, {});
    for (const auto &done : waiters)
        done(QString());
}

bool LlmClient::sameOrigin(const QUrl &url) const
{
    return url.scheme() == m_baseUrl.scheme() && url.host() == m_baseUrl.host()
        && url.port(url.scheme() == u"https" ? 443 : 80)
        == m_baseUrl.port(m_baseUrl.scheme() == u"https" ? 443 : 80);
}

LlmClient::~LlmClient() = default;

QUrl LlmClient::under(const QUrl &baseUrl, const QString &path)
{
    QUrl url = baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

QNetworkRequest LlmClient::request(const QUrl &url, const QString &apiKey) const
{
    QNetworkRequest request(url);
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("AIME/" AIME_VERSION));
    request.setRawHeader("Accept", "application/json");
    return request;
}

GateReply *LlmClient::chat(const QString &model, const QJsonArray &messages, int maxTokens,
                           Handler<LlmCompletion> done)
{
    QNetworkRequest post = request(under(m_baseUrl, QStringLiteral("/chat/completions")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body {{QStringLiteral("model"), model},
                            {QStringLiteral("messages"), messages},
                            {QStringLiteral("max_tokens"), maxTokens},
                            {QStringLiteral("stream"), false}};
    return deliver<LlmCompletion>(
        gate()->send("POST", post, QJsonDocument(body).toJson(QJsonDocument::Compact)),
        &LlmParser::chatCompletion, &LlmParser::errorMessage, std::move(done));
}

GateReply *LlmClient::models(const QUrl &baseUrl, const QString &apiKey, Handler<QStringList> done)
{
    return send(request(under(baseUrl, QStringLiteral("/models")), apiKey), &LlmParser::models,
                &LlmParser::errorMessage, std::move(done));
}

GateReply *LlmClient::ollamaTags(const QUrl &baseUrl, const QString &apiKey,
                                 Handler<QStringList> done)
{
    // /api/tags sits at the host's root, beside Ollama's /v1.
    QUrl url = baseUrl;
    QString root = url.path();
    while (root.endsWith(u'/'))
        root.chop(1);
    if (root.endsWith(QLatin1String("/v1")))
        root.chop(3);
    url.setPath(root + QStringLiteral("/api/tags"));
    return send(request(url, apiKey), &LlmParser::ollamaTags, &LlmParser::errorMessage,
                std::move(done));
}

QString LlmClient::failureMessage(const GateReply &reply, const QString &providerText) const
{
    // The address asked, which may not be the client's own (Preferences probes a typed one).
    const QUrl asked = reply.request().url();
    const QString address = asked.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toString();
    const QString says
        = providerText.isEmpty() ? QString() : u' ' + tr("It says: %1").arg(providerText);
    switch (reply.error()) {
    case GateError::Network: {
        const QHostAddress host(asked.host());
        const bool local = asked.host() == QLatin1String("localhost") || host.isLoopback();
        const QString origin
            = asked.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)
                  .toString();
        return local
            ? tr("Cannot reach the AI endpoint at %1. Is Ollama running? Start it with "
                 "`ollama serve`.")
                  .arg(origin)
            : tr("Cannot reach the AI endpoint at %1: %2").arg(origin, reply.errorString());
    }
    case GateError::Timeout:
        return tr("The AI endpoint at %1 gave no answer within %2 s; a larger model may need a "
                  "faster machine.")
            .arg(address)
            .arg(double(gate()->limits().requestTimeout.count()) / 1000.0);
    case GateError::Unauthorized:
        return (m_apiKey.isEmpty() || !sameOrigin(asked)
                    ? tr("The AI endpoint wants an API key; add it in Preferences > AI.")
                    : tr("The AI endpoint refused the API key; check it in Preferences > AI."))
            + says;
    case GateError::RateLimited:
        return tr("The AI endpoint is still limiting requests after several waits; try again "
                  "later.")
            + says;
    case GateError::ClientError:
        if (reply.httpStatus() != 404)
            break;
        if (asked.path().endsWith(QLatin1String("/chat/completions")))
            return tr("The AI endpoint does not have that model; choose one in Preferences > AI "
                      "(with Ollama: `ollama pull MODEL`).")
                + says;
        return tr("%1 does not exist; is the endpoint's address right? (Ollama's ends in /v1.)")
            .arg(address);
    default:
        break;
    }
    return ProviderClient::failureMessage(reply, providerText);
}

} // namespace aime
