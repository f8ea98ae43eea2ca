#include "fakellm.h"

#include "fakedice.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <iterator>

namespace aime::fakes {

namespace {

// When the served model was "pulled", as Ollama's /api/tags example has it.
const char *const ModifiedAt = "2025-05-04T17:37:44.706015396-07:00";
constexpr qint64 ModifiedAtSeconds = 1746405464; // the same instant

const char *const Adjectives[] = {
    "patient", "restless", "warm", "carefully built", "confident", "generous", "quietly ambitious"};
const char *const Middles[] = {
    "Its songs move between spare, quiet passages and fuller arrangements, and the sequencing "
    "gives the whole a clear shape.",
    "The production leaves room around each instrument, so small details carry as much weight "
    "as the big moments.",
    "Melody comes first throughout, with hooks that reveal themselves slowly over repeated "
    "listens.",
    "The players sound relaxed and precise at once, trading ideas without crowding one another.",
};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

FakeResponse json(int status, const QJsonObject &body)
{
    FakeResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

// Ollama's openai.NewError: the type follows the status.
FakeResponse openAiError(int status, const QString &message)
{
    const QString type = status == 400 ? QStringLiteral("invalid_request_error")
        : status == 404                ? QStringLiteral("not_found_error")
                                       : QStringLiteral("api_error");
    return json(status,
                QJsonObject {{QStringLiteral("error"),
                              QJsonObject {{QStringLiteral("message"), message},
                                           {QStringLiteral("type"), type},
                                           {QStringLiteral("param"), QJsonValue::Null},
                                           {QStringLiteral("code"), QJsonValue::Null}}}});
}

// llama.cpp's error body: an integer code.
FakeResponse llamaCppError(int status, const QString &message, const QString &type)
{
    return json(status,
                QJsonObject {{QStringLiteral("error"),
                              QJsonObject {{QStringLiteral("code"), status},
                                           {QStringLiteral("message"), message},
                                           {QStringLiteral("type"), type}}}});
}

FakeResponse loading()
{
    return llamaCppError(503, QStringLiteral("Loading model"), QStringLiteral("unavailable_error"));
}

FakeResponse plain(int status, const QByteArray &body)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain"}};
    response.body = body;
    return response;
}

// A message's text: a string, or the text parts of an array of content parts.
QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &part : content.toArray()) {
        if (part[QLatin1String("type")].toString() == u"text")
            parts.append(part[QLatin1String("text")].toString());
    }
    return parts.join(u' ');
}

int wordCount(const QString &value)
{
    return int(value.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size());
}

} // namespace

FakeLlm::FakeLlm(FakeLlmOptions options) : m_options(std::move(options))
{
    m_server.setHandler([this](const QHttpServerRequest &request) { return handle(request); });
}

QUrl FakeLlm::apiUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/v1"));
    return url;
}

bool FakeLlm::authorized(const QHttpServerRequest &request) const
{
    if (m_options.apiKey.isEmpty())
        return true;
    const QByteArray key = m_options.apiKey.toUtf8();
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0 && value == "Bearer " + key)
            return true;
        if (name.compare("X-Api-Key", Qt::CaseInsensitive) == 0 && value == key)
            return true;
    }
    return false;
}

bool FakeLlm::servesModel(const QString &name) const
{
    return name == m_options.model || name + QLatin1String(":latest") == m_options.model;
}

FakeResponse FakeLlm::handle(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    static const QStringList PublicPaths {QStringLiteral("/health"), QStringLiteral("/v1/health"),
                                          QStringLiteral("/models"), QStringLiteral("/v1/models"),
                                          QStringLiteral("/api/tags")};
    if (!PublicPaths.contains(path) && !authorized(request))
        return llamaCppError(401, QStringLiteral("Invalid API Key"),
                             QStringLiteral("authentication_error"));

    const auto method = [](bool right, const auto &answer) {
        return right ? answer() : plain(405, "405 method not allowed");
    };
    if (path == u"/v1/chat/completions")
        return method(post, [&] { return chatCompletion(request); });
    if (path == u"/v1/models" || path == u"/models")
        return method(get, [&] { return models(); });
    if (path.startsWith(u"/v1/models/"))
        return method(get, [&] { return modelInfo(path.mid(11)); });
    if (path == u"/api/tags")
        return method(get, [&] { return tags(); });
    if (path == u"/health" || path == u"/v1/health")
        return method(get, [&] { return health(); });
    return plain(404, "404 page not found");
}

FakeResponse FakeLlm::chatCompletion(const QHttpServerRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return openAiError(400,
                           parseError.error != QJsonParseError::NoError
                               ? QLatin1String("invalid request body: ") + parseError.errorString()
                               : QStringLiteral("invalid request body: not a JSON object"));
    }
    const QJsonObject body = document.object();
    m_lastRequest = body;

    const QString model = body.value(u"model").toString();
    if (model.isEmpty())
        return openAiError(400, QStringLiteral("model is required"));
    const QJsonArray messages = body.value(u"messages").toArray();
    if (messages.isEmpty())
        return openAiError(400, QStringLiteral("[] is too short - 'messages'"));
    for (const QJsonValue &message : messages) {
        if (!message.isObject() || message[QLatin1String("role")].toString().isEmpty())
            return openAiError(400, QStringLiteral("invalid message: every message needs a role"));
    }
    if (!servesModel(model)) {
        return openAiError(
            404, QStringLiteral("model \"%1\" not found, try pulling it first").arg(model));
    }
    if (m_loading)
        return loading();

    int maxTokens = m_options.maxTokensDefault;
    const QJsonValue maxValue = body.value(u"max_tokens");
    if (!maxValue.isUndefined() && !maxValue.isNull()) {
        if (!maxValue.isDouble() || maxValue.toDouble() < 1
            || maxValue.toDouble() != double(maxValue.toInteger()))
            return openAiError(400, QStringLiteral("max_tokens must be a positive integer"));
        maxTokens = int(std::min<qint64>(maxValue.toInteger(), INT_MAX));
    }
    const QJsonValue streamValue = body.value(u"stream");
    if (!streamValue.isUndefined() && !streamValue.isNull() && !streamValue.isBool())
        return openAiError(400, QStringLiteral("stream must be a boolean"));

    const QStringList allWords = describe(messages).split(u' ', Qt::SkipEmptyParts);
    const bool cut = allWords.size() > maxTokens;
    const QStringList words = cut ? allWords.first(maxTokens) : allWords;
    const QString content = words.join(u' ');
    const QString finishReason = cut ? QStringLiteral("length") : QStringLiteral("stop");
    int promptTokens = 0;
    for (const QJsonValue &message : messages)
        promptTokens += wordCount(contentText(message[QLatin1String("content")]));
    const QJsonObject usage {{QStringLiteral("prompt_tokens"), promptTokens},
                             {QStringLiteral("completion_tokens"), int(words.size())},
                             {QStringLiteral("total_tokens"), promptTokens + int(words.size())}};

    const QString id = QStringLiteral("chatcmpl-%1").arg(++m_completionsServed);
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    const QJsonObject head {{QStringLiteral("id"), id},
                            {QStringLiteral("created"), created},
                            {QStringLiteral("model"), model},
                            {QStringLiteral("system_fingerprint"), QStringLiteral("fp_ollama")}};

    if (!streamValue.toBool()) {
        QJsonObject answer = head;
        answer.insert(QStringLiteral("object"), QStringLiteral("chat.completion"));
        answer.insert(QStringLiteral("choices"),
                      QJsonArray {QJsonObject {
                          {QStringLiteral("index"), 0},
                          {QStringLiteral("message"),
                           QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                        {QStringLiteral("content"), content},
                                        {QStringLiteral("refusal"), QJsonValue::Null}}},
                          {QStringLiteral("logprobs"), QJsonValue::Null},
                          {QStringLiteral("finish_reason"), finishReason}}});
        answer.insert(QStringLiteral("usage"), usage);
        return json(200, answer);
    }

    // Server-sent events, all in one answer: "data: <json>\n\n" each, then "data: [DONE]".
    QByteArray events;
    const auto send = [&](const QJsonObject &chunk) {
        events += "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
    };
    const auto chunk = [&head](const QJsonObject &delta, const QJsonValue &finish) {
        QJsonObject object = head;
        object.insert(QStringLiteral("object"), QStringLiteral("chat.completion.chunk"));
        object.insert(QStringLiteral("choices"),
                      QJsonArray {QJsonObject {{QStringLiteral("index"), 0},
                                               {QStringLiteral("delta"), delta},
                                               {QStringLiteral("finish_reason"), finish}}});
        return object;
    };
    send(chunk({{QStringLiteral("role"), QStringLiteral("assistant")},
                {QStringLiteral("content"), QString()}},
               QJsonValue::Null));
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString piece = i == 0 ? words.at(i) : u' ' + words.at(i);
        send(chunk({{QStringLiteral("content"), piece}}, QJsonValue::Null));
    }
    send(chunk({}, finishReason));
    if (body.value(u"stream_options")[QLatin1String("include_usage")].toBool()) {
        QJsonObject last = head;
        last.insert(QStringLiteral("object"), QStringLiteral("chat.completion.chunk"));
        last.insert(QStringLiteral("choices"), QJsonArray());
        last.insert(QStringLiteral("usage"), usage);
        send(last);
    }
    events += "data: [DONE]\n\n";

    FakeResponse response;
    response.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    response.body = events;
    return response;
}

// Two or three sentences about what the last user message names: "Artist:", "Title:" (or
// "Album:") and "Year:" lines, else the first quoted text as the title, "by <words>" as the
// artist and a year anywhere. The same messages give the same text.
QString FakeLlm::describe(const QJsonArray &messages)
{
    QString raw;
    for (const QJsonValue &message : messages) {
        if (message[QLatin1String("role")].toString() == u"user" || raw.isEmpty())
            raw = contentText(message[QLatin1String("content")]);
    }
    const QString prompt = raw.simplified();

    static const QRegularExpression labelled(
        QStringLiteral("^\\s*(artist|title|album|year)\\s*:\\s*(\\S.*)$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    static const QRegularExpression quoted(QStringLiteral("[\"\\x{201C}]([^\"\\x{201D}]{1,120})"
                                                          "[\"\\x{201D}]"));
    static const QRegularExpression byArtist(
        QStringLiteral("\\bby\\s+((?:[^\\s,.;:!?()\"]+\\s?){1,6})"));
    static const QRegularExpression year(QStringLiteral("\\b(19\\d\\d|20\\d\\d)\\b"));
    // Words that end an artist's name taken from "by ...".
    static const QStringList notArtist {QStringLiteral("released"), QStringLiteral("from"),
                                        QStringLiteral("in"),       QStringLiteral("on"),
                                        QStringLiteral("recorded"), QStringLiteral("issued"),
                                        QStringLiteral("which"),    QStringLiteral("that")};

    QString title;
    QString artist;
    QString when;
    for (auto it = labelled.globalMatch(raw); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString label = match.captured(1).toLower();
        const QString value = match.captured(2).simplified();
        if (label == u"artist")
            artist = value;
        else if (label == u"year")
            when = year.match(value).captured(1);
        else if (title.isEmpty())
            title = value;
    }
    if (title.isEmpty())
        title = quoted.match(prompt).captured(1).simplified();
    if (artist.isEmpty()) {
        const qsizetype after = title.isEmpty() ? 0 : std::max<qsizetype>(0, prompt.indexOf(title));
        QRegularExpressionMatch match = byArtist.match(prompt, after);
        if (!match.hasMatch())
            match = byArtist.match(prompt);
        QStringList name;
        for (const QString &word : match.captured(1).split(u' ', Qt::SkipEmptyParts)) {
            if (notArtist.contains(word))
                break;
            name.append(word);
        }
        artist = name.join(u' ');
    }
    if (when.isEmpty())
        when = year.match(prompt).captured(1);

    QString subject;
    if (!title.isEmpty() && !artist.isEmpty())
        subject = u'"' + title + QLatin1String("\" by ") + artist;
    else if (!title.isEmpty())
        subject = u'"' + title + u'"';
    else if (!artist.isEmpty())
        subject = QLatin1String("This album by ") + artist;
    else
        subject = QStringLiteral("This album");

    const quint64 hash = Dice::hash(prompt);
    QStringList sentences;
    sentences.append(subject + QLatin1String(" is a ")
                     + text(Adjectives[hash % std::size(Adjectives)]) + QLatin1String(" record")
                     + (when.isEmpty() ? QString() : QString(QLatin1String(" from ") + when))
                     + u'.');
    sentences.append(text(Middles[(hash >> 8) % std::size(Middles)]));
    if ((hash >> 16) % 2 == 0) {
        sentences.append(artist.isEmpty()
                             ? QStringLiteral("It rewards a patient listen from start to finish.")
                             : QString(QLatin1String("It is a good place to start for anyone new "
                                                     "to ")
                                       + artist + u'.'));
    }
    return sentences.join(u' ').simplified();
}

QJsonObject FakeLlm::modelObject() const
{
    return {{QStringLiteral("id"), m_options.model},
            {QStringLiteral("object"), QStringLiteral("model")},
            {QStringLiteral("created"), ModifiedAtSeconds},
            {QStringLiteral("owned_by"), QStringLiteral("library")}};
}

FakeResponse FakeLlm::models() const
{
    return json(200,
                QJsonObject {{QStringLiteral("object"), QStringLiteral("list")},
                             {QStringLiteral("data"), QJsonArray {modelObject()}}});
}

FakeResponse FakeLlm::modelInfo(const QString &name) const
{
    if (!servesModel(name))
        return openAiError(404, QStringLiteral("model \"%1\" not found").arg(name));
    return json(200, modelObject());
}

FakeResponse FakeLlm::tags() const
{
    static const QRegularExpression family(QStringLiteral("^[a-z]+"));
    const QString name = m_options.model.contains(u':')
        ? m_options.model
        : m_options.model + QLatin1String(":latest");
    const QString familyName = family.match(name.toLower()).captured(0);
    const QByteArray digest
        = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex();
    const QJsonObject details {{QStringLiteral("parent_model"), QString()},
                               {QStringLiteral("format"), QStringLiteral("gguf")},
                               {QStringLiteral("family"), familyName},
                               {QStringLiteral("families"), QJsonArray {familyName}},
                               {QStringLiteral("parameter_size"), QStringLiteral("3.2B")},
                               {QStringLiteral("quantization_level"), QStringLiteral("Q4_K_M")}};
    return json(200,
                QJsonObject {{QStringLiteral("models"),
                              QJsonArray {QJsonObject {
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("model"), name},
                                  {QStringLiteral("modified_at"), text(ModifiedAt)},
                                  {QStringLiteral("size"), qint64(2019393189)},
                                  {QStringLiteral("digest"), QString::fromLatin1(digest)},
                                  {QStringLiteral("details"), details}}}}});
}

FakeResponse FakeLlm::health() const
{
    if (m_loading)
        return loading();
    return json(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
}

} // namespace aime::fakes
