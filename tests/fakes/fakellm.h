#pragma once

#include "fakeserver.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace aime::fakes {

struct FakeLlmOptions
{
    // The one model served; requests may name it with or without its ":latest" tag.
    QString model = QStringLiteral("llama3.2:latest");
    // Empty: the key is ignored, as Ollama does. Set: checked as llama.cpp's --api-key is
    // (Authorization: Bearer <key>, or X-Api-Key) on every route but its public ones (/health,
    // /v1/health, /models, /v1/models, /api/tags), with llama.cpp's 401 body.
    QString apiKey {};
    // The completion's cap in tokens (words, for the fake) when a request sets no max_tokens.
    int maxTokensDefault = 512;
};

// A fake OpenAI-compatible LLM endpoint (PROVIDERS.md section 4) on a real local HTTP server, as
// Ollama serves it (system_fingerprint "fp_ollama", ids "chatcmpl-<n>", Ollama's error bodies and
// /api/tags) with llama.cpp's optional key check and /health. Completions are deterministic: two
// or three sentences about the album and artist the last user message names (a quoted title,
// "by <artist>", a year), one token per word.
//
// Routes:
//   POST /v1/chat/completions   max_tokens cuts the text (finish_reason "length"); "stream": true
//                               answers text/event-stream: a role chunk, one chunk a word, a
//                               chunk with finish_reason, a usage chunk with
//                               stream_options.include_usage, then "data: [DONE]", all in one
//                               answer. max_completion_tokens is ignored, as Ollama does.
//   GET  /v1/models, /v1/models/{model}, /api/tags, /health (/v1/health)
class FakeLlm
{
public:
    explicit FakeLlm(FakeLlmOptions options = {});
    FakeLlm(const FakeLlm &) = delete;
    FakeLlm &operator=(const FakeLlm &) = delete;

    bool listen(quint16 port = 0) { return m_server.listen(port); }
    QUrl baseUrl() const { return m_server.baseUrl(); }
    // baseUrl() + "/v1", the base an OpenAI client takes.
    QUrl apiUrl() const;
    FakeServer &server() { return m_server; }

    QString model() const { return m_options.model; }
    QString apiKey() const { return m_options.apiKey; }
    // While loading, /health and completions answer llama.cpp's 503 "Loading model".
    void setLoading(bool loading) { m_loading = loading; }

    // Completions answered (streamed or not), and the body of the last chat request that was a
    // JSON object, whatever it was answered.
    int completionsServed() const { return m_completionsServed; }
    QJsonObject lastRequest() const { return m_lastRequest; }

    // The whole text a completion gives for these messages, before max_tokens cuts it.
    static QString describe(const QJsonArray &messages);

private:
    FakeResponse handle(const QHttpServerRequest &request);
    FakeResponse chatCompletion(const QHttpServerRequest &request);
    FakeResponse models() const;
    FakeResponse modelInfo(const QString &name) const;
    FakeResponse tags() const;
    FakeResponse health() const;
    bool authorized(const QHttpServerRequest &request) const;
    bool servesModel(const QString &name) const;
    QJsonObject modelObject() const;

    FakeLlmOptions m_options;
    FakeServer m_server;
    bool m_loading = false;
    int m_completionsServed = 0;
    QJsonObject m_lastRequest;
};

} // namespace aime::fakes
