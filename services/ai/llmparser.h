#pragma once

#include "providers/parseresult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace aime {

// One answer of POST /v1/chat/completions (PROVIDERS.md section 4.1), as much as AIME uses.
struct LlmCompletion
{
    QString content; // the first choice's message text, as sent (may be empty)
    QString refusal; // the model declined; empty otherwise
    QString finishReason; // "stop", "length", "content_filter", ...
    QString model; // the model that answered, as the endpoint names it
};

// Turns the bodies of an OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp) into AIME's
// value types. Pure functions over the bytes, safe on any thread; strict like the other
// parsers: a body that is not the expected JSON shape fails with a message naming the field.
class LlmParser
{
public:
    LlmParser() = delete;

    static ParseResult<LlmCompletion> chatCompletion(const QByteArray &json);
    // GET /v1/models: the ids of data[].
    static ParseResult<QStringList> models(const QByteArray &json);
    // Ollama's GET /api/tags: the names of models[].
    static ParseResult<QStringList> ollamaTags(const QByteArray &json);
    // The sentence of an error body: {"error": {"message": ...}} (OpenAI, Ollama, llama.cpp,
    // whose "code" is a number) or {"error": "..."} (Ollama's native API); empty otherwise.
    static QString errorMessage(const QByteArray &json);
};

} // namespace aime
