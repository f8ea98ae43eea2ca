#pragma once

#include "ai/llmparser.h"
#include "providers/providerclient.h"

#include <QJsonArray>
#include <QNetworkRequest>
#include <QUrl>

namespace aime {

// An OpenAI-compatible endpoint (PROVIDERS.md section 4: OpenAI, Ollama, llama.cpp) through the
// LLM gate: 2 requests at once, 60 s for an answer, a 429 waited out. The base URL is the
// prefix of /chat/completions and /models, e.g. http://127.0.0.1:11434/v1 for Ollama.
class LlmClient : public ProviderClient
{
    Q_OBJECT

public:
    LlmClient(QNetworkAccessManager *network, QThreadPool *pool, QUrl baseUrl,
              QObject *parent = nullptr);
    ~LlmClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    // Optional: Ollama ignores it, llama.cpp and OpenAI check it (Authorization: Bearer). It is
    // sent only to the base URL's scheme, host and port.
    void setApiKey(const QString &apiKey);
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    // A key is on its way (the keychain is being read): requests wait for setApiKey() or
    // apiKeyUnavailable(), instead of going out without it and coming back refused.
    void expectApiKey() { m_keyPending = true; }
    void apiKeyUnavailable();

    // POST /chat/completions without streaming. Sends max_tokens (Ollama's OpenAI layer knows
    // no max_completion_tokens).
    GateReply *chat(const QString &model, const QJsonArray &messages, int maxTokens,
                    Handler<LlmCompletion> done);
    // GET /models, at the client's base or another (Preferences asks one before keeping it).
    // apiKey: a key for that endpoint (one typed in Preferences before it is kept); the client's
    // own key goes only to its own base URL.
    GateReply *models(Handler<QStringList> done) { return models(m_baseUrl, {}, std::move(done)); }
    GateReply *models(const QUrl &baseUrl, const QString &apiKey, Handler<QStringList> done);
    // Ollama's GET /api/tags, beside /v1 on the same host; other endpoints answer 404.
    GateReply *ollamaTags(const QUrl &baseUrl, const QString &apiKey, Handler<QStringList> done);

protected:
    QString failureMessage(const GateReply &reply, const QString &providerText) const override;

private:
    QNetworkRequest request(const QUrl &url, const QString &apiKey = {}) const;
    bool sameOrigin(const QUrl &url) const;
    void releaseKeyWaiters();
    static QUrl under(const QUrl &baseUrl, const QString &path);

    QUrl m_baseUrl;
    QString m_apiKey;
    bool m_keyPending = false;
    QList<std::function<void(const QString &)>> m_keyWaiters;
};

} // namespace aime
