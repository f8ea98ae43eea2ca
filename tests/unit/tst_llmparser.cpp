#include "ai/descriptionprompt.h"
#include "ai/llmparser.h"
#include "domain/album.h"
#include "parsertesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

using namespace aime;

namespace {

const QString CompletionSubject = QStringLiteral("AI endpoint answer");
const QString ModelListSubject = QStringLiteral("AI endpoint model list");
const QString TagsSubject = QStringLiteral("Ollama model list");

const QString Description = QStringLiteral(
    "\"Wild Is the Wind\" by Nina Simone is a patient record from 1966. Its songs move between "
    "spare, quiet passages and fuller arrangements.");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject usage(int prompt, int completion)
{
    return {{QStringLiteral("prompt_tokens"), prompt},
            {QStringLiteral("completion_tokens"), completion},
            {QStringLiteral("total_tokens"), prompt + completion}};
}

// POST /v1/chat/completions as OpenAI answers it (a chat.completion object with refusal and
// annotations in the message).
QByteArray openAiBody(const QJsonValue &content, const QString &finishReason,
                      const QJsonValue &refusal = QJsonValue::Null)
{
    QJsonObject usageDetails = usage(112, 41);
    usageDetails.insert(
        QStringLiteral("prompt_tokens_details"),
        QJsonObject {{QStringLiteral("cached_tokens"), 0}, {QStringLiteral("audio_tokens"), 0}});
    usageDetails.insert(QStringLiteral("completion_tokens_details"),
                        QJsonObject {{QStringLiteral("reasoning_tokens"), 0},
                                     {QStringLiteral("audio_tokens"), 0},
                                     {QStringLiteral("accepted_prediction_tokens"), 0},
                                     {QStringLiteral("rejected_prediction_tokens"), 0}});
    return compact(
        {{QStringLiteral("id"), QStringLiteral("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT")},
         {QStringLiteral("object"), QStringLiteral("chat.completion")},
         {QStringLiteral("created"), 1741569952},
         {QStringLiteral("model"), QStringLiteral("gpt-4.1-2025-04-14")},
         {QStringLiteral("choices"),
          QJsonArray {
              QJsonObject {{QStringLiteral("index"), 0},
                           {QStringLiteral("message"),
                            QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                         {QStringLiteral("content"), content},
                                         {QStringLiteral("refusal"), refusal},
                                         {QStringLiteral("annotations"), QJsonArray()}}},
                           {QStringLiteral("logprobs"), QJsonValue::Null},
                           {QStringLiteral("finish_reason"), finishReason}}}},
         {QStringLiteral("usage"), usageDetails},
         {QStringLiteral("service_tier"), QStringLiteral("default")},
         {QStringLiteral("system_fingerprint"), QStringLiteral("fp_b3f1157249")}});
}

// The same through Ollama's OpenAI layer: system_fingerprint "fp_ollama", no refusal field.
QByteArray ollamaBody(const QString &content, const QString &finishReason)
{
    return compact({{QStringLiteral("id"), QStringLiteral("chatcmpl-417")},
                    {QStringLiteral("object"), QStringLiteral("chat.completion")},
                    {QStringLiteral("created"), 1736174538},
                    {QStringLiteral("model"), QStringLiteral("llama3.2")},
                    {QStringLiteral("system_fingerprint"), QStringLiteral("fp_ollama")},
                    {QStringLiteral("choices"),
                     QJsonArray {QJsonObject {
                         {QStringLiteral("index"), 0},
                         {QStringLiteral("message"),
                          QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                       {QStringLiteral("content"), content}}},
                         {QStringLiteral("finish_reason"), finishReason}}}},
                    {QStringLiteral("usage"), usage(150, 62)}});
}

// The same from llama.cpp's server: keys in its order, and its "timings".
QByteArray llamaCppBody(const QString &content, const QString &finishReason)
{
    return compact(
        {{QStringLiteral("choices"),
          QJsonArray {
              QJsonObject {{QStringLiteral("finish_reason"), finishReason},
                           {QStringLiteral("index"), 0},
                           {QStringLiteral("message"),
                            QJsonObject {{QStringLiteral("content"), content},
                                         {QStringLiteral("role"), QStringLiteral("assistant")}}}}}},
         {QStringLiteral("created"), 1740000000},
         {QStringLiteral("model"), QStringLiteral("gpt-3.5-turbo")},
         {QStringLiteral("system_fingerprint"), QStringLiteral("b4739-63ac1285")},
         {QStringLiteral("object"), QStringLiteral("chat.completion")},
         {QStringLiteral("usage"), usage(112, 41)},
         {QStringLiteral("id"), QStringLiteral("chatcmpl-8QaXnJ3ZKb0sUTnOlZ6hsyIJQkRZBNqe")},
         {QStringLiteral("timings"),
          QJsonObject {{QStringLiteral("prompt_n"), 112},
                       {QStringLiteral("prompt_ms"), 84.52},
                       {QStringLiteral("prompt_per_token_ms"), 0.7546},
                       {QStringLiteral("prompt_per_second"), 1325.1},
                       {QStringLiteral("predicted_n"), 41},
                       {QStringLiteral("predicted_ms"), 811.2},
                       {QStringLiteral("predicted_per_token_ms"), 19.79},
                       {QStringLiteral("predicted_per_second"), 50.54}}}});
}

QJsonObject modelEntry(const QString &id, const QString &ownedBy)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("model")},
            {QStringLiteral("created"), 1746405464},
            {QStringLiteral("owned_by"), ownedBy}};
}

QByteArray modelList(const QJsonArray &data)
{
    return compact(
        {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
}

QJsonObject tag(const QString &name)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("model"), name},
            {QStringLiteral("modified_at"), QStringLiteral("2025-05-04T17:37:44.706015396-07:00")},
            {QStringLiteral("size"), qint64(2019393189)},
            {QStringLiteral("digest"),
             QStringLiteral("a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72")},
            {QStringLiteral("details"),
             QJsonObject {{QStringLiteral("format"), QStringLiteral("gguf")},
                          {QStringLiteral("family"), QStringLiteral("llama")},
                          {QStringLiteral("parameter_size"), QStringLiteral("3.2B")},
                          {QStringLiteral("quantization_level"), QStringLiteral("Q4_K_M")}}}};
}

QByteArray tagList(const QJsonArray &models)
{
    return compact({{QStringLiteral("models"), models}});
}

// "models" for GET /v1/models, "tags" for Ollama's GET /api/tags.
ParseResult<QStringList> parseList(const QString &parser, const QByteArray &json)
{
    return parser == QLatin1String("tags") ? LlmParser::ollamaTags(json) : LlmParser::models(json);
}

QByteArray openAiError(const QString &message, const QJsonValue &code)
{
    return compact({{QStringLiteral("error"),
                     QJsonObject {{QStringLiteral("message"), message},
                                  {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                                  {QStringLiteral("param"), QJsonValue::Null},
                                  {QStringLiteral("code"), code}}}});
}

Track track(int disc, int position, const QString &title, qint64 durationMs)
{
    return Track {.disc = disc, .position = position, .title = title, .durationMs = durationMs};
}

Album album(const QString &artist, const QString &title, int year = 0)
{
    Album album;
    album.artist = artist;
    album.title = title;
    album.year = year;
    return album;
}

SourceRef source(const QString &provider, const QString &format = {})
{
    SourceRef source;
    source.provider = provider;
    source.externalId = QStringLiteral("1468133");
    source.format = format;
    return source;
}

Album wildIsTheWind()
{
    Album nina = album(QStringLiteral("Nina Simone"), QStringLiteral("Wild Is the Wind"), 1966);
    nina.releaseDate = QStringLiteral("1966-04");
    nina.label = QStringLiteral("Philips");
    nina.format = QStringLiteral("LP, Album, Mono");
    nina.genres = {QStringLiteral("Jazz"), QStringLiteral("Soul"), QStringLiteral("Vocal")};
    nina.tracks = {track(1, 1, QStringLiteral("I Love Your Lovin' Ways"), 165000),
                   track(1, 2, QStringLiteral("Four Women"), 249000),
                   track(1, 3, QStringLiteral("Wild Is the Wind"), 416000),
                   track(1, 4, QStringLiteral("Lilac Wine"), 0)};
    nina.trackCount = int(nina.tracks.size());
    nina.sources = {source(QStringLiteral("discogs"), QStringLiteral("LP"))};
    return nina;
}

} // namespace

// LlmParser over the bodies of the three OpenAI-compatible endpoints AIME talks to (OpenAI,
// Ollama, llama.cpp), and DescriptionPrompt: what the model is given and what of its answer is
// kept.
class TestLlmParser : public QObject
{
    Q_OBJECT

private slots:
    void chatCompletion_data();
    void chatCompletion();
    void chatCompletionRejected_data();
    void chatCompletionRejected();
    void chatCompletionErrorBody_data();
    void chatCompletionErrorBody();
    void modelLists_data();
    void modelLists();
    void modelListsRejected_data();
    void modelListsRejected();
    void errorMessage_data();
    void errorMessage();
    void errorMessageIsClipped_data();
    void errorMessageIsClipped();

    void promptFacts_data();
    void promptFacts();
    void promptMessages();
    void systemPromptForbidsInventions();
    void usableText_data();
    void usableText();
};

void TestLlmParser::chatCompletion_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<QString>("model");

    const QString cut
        = QStringLiteral("\"Wild Is the Wind\" by Nina Simone is a patient record. It");
    QTest::newRow("OpenAI") << openAiBody(Description, QStringLiteral("stop")) << Description
                            << QString() << QStringLiteral("stop")
                            << QStringLiteral("gpt-4.1-2025-04-14");
    QTest::newRow("Ollama (fp_ollama)")
        << ollamaBody(Description, QStringLiteral("stop")) << Description << QString()
        << QStringLiteral("stop") << QStringLiteral("llama3.2");
    QTest::newRow("llama.cpp with timings")
        << llamaCppBody(Description, QStringLiteral("stop")) << Description << QString()
        << QStringLiteral("stop") << QStringLiteral("gpt-3.5-turbo");
    QTest::newRow("OpenAI refusal")
        << openAiBody(QJsonValue::Null, QStringLiteral("stop"),
                      QStringLiteral("I'm sorry, I can't help with that."))
        << QString() << QStringLiteral("I'm sorry, I can't help with that.")
        << QStringLiteral("stop") << QStringLiteral("gpt-4.1-2025-04-14");
    QTest::newRow("cut at max_tokens (length)")
        << ollamaBody(cut, QStringLiteral("length")) << cut << QString() << QStringLiteral("length")
        << QStringLiteral("llama3.2");
    QTest::newRow("content filter")
        << openAiBody(QString(), QStringLiteral("content_filter")) << QString() << QString()
        << QStringLiteral("content_filter") << QStringLiteral("gpt-4.1-2025-04-14");
    QTest::newRow("content kept as sent, untrimmed")
        << llamaCppBody(QStringLiteral("\n\n  ") + Description + u' ', QStringLiteral("stop"))
        << QString(QStringLiteral("\n\n  ") + Description + u' ') << QString()
        << QStringLiteral("stop") << QStringLiteral("gpt-3.5-turbo");
    QTest::newRow("no model, no finish_reason")
        << testing::removed(testing::removed(llamaCppBody(Description, QStringLiteral("stop")),
                                             QStringLiteral("model")),
                            QStringLiteral("choices[0].finish_reason"))
        << Description << QString() << QString() << QString();
}

void TestLlmParser::chatCompletion()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, content);
    QFETCH(QString, refusal);
    QFETCH(QString, finishReason);
    QFETCH(QString, model);

    const ParseResult<LlmCompletion> result = LlmParser::chatCompletion(json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.value->content, content);
    QCOMPARE(result.value->refusal, refusal);
    QCOMPARE(result.value->finishReason, finishReason);
    QCOMPARE(result.value->model, model);
}

void TestLlmParser::chatCompletionRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fragment");

    const QByteArray body = openAiBody(Description, QStringLiteral("stop"));
    const QString content = QStringLiteral("choices[0].message.content");
    QTest::newRow("malformed JSON") << QByteArray("{\"choices\": [{\"message\": {\"content\": ")
                                    << QStringLiteral("invalid JSON");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("empty response");
    QTest::newRow("an array") << QByteArray("[]")
                              << QStringLiteral("expected a JSON object, got an array");
    QTest::newRow("missing choices") << testing::removed(body, QStringLiteral("choices"))
                                     << QStringLiteral("missing \"choices\"");
    QTest::newRow("empty choices") << testing::edited(body, QStringLiteral("choices"), QJsonArray())
                                   << QStringLiteral("\"choices\" is empty");
    QTest::newRow("choices not an array")
        << testing::edited(body, QStringLiteral("choices"), QJsonObject())
        << QStringLiteral("\"choices\" is not an array");
    QTest::newRow("choice not an object")
        << testing::edited(body, QStringLiteral("choices[0]"), QStringLiteral("stop"))
        << QStringLiteral("\"choices[0]\" is not an object");
    QTest::newRow("missing message") << testing::removed(body, QStringLiteral("choices[0].message"))
                                     << QStringLiteral("missing \"choices[0].message\"");
    QTest::newRow("message not an object")
        << testing::edited(body, QStringLiteral("choices[0].message"), Description)
        << QStringLiteral("\"choices[0].message\" is not an object");
    QTest::newRow("content a number") << testing::edited(body, content, 42)
                                      << QStringLiteral("\"choices[0].message.content\" is not a "
                                                        "string");
    QTest::newRow("content an array of parts")
        << testing::edited(
               body, content,
               QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                        {QStringLiteral("text"), Description}}})
        << QStringLiteral("\"choices[0].message.content\" is not a string");
    QTest::newRow("refusal not a string")
        << testing::edited(body, QStringLiteral("choices[0].message.refusal"), true)
        << QStringLiteral("\"choices[0].message.refusal\" is not a string");
    QTest::newRow("finish_reason not a string")
        << testing::edited(body, QStringLiteral("choices[0].finish_reason"), 1)
        << QStringLiteral("\"choices[0].finish_reason\" is not a string");
    QTest::newRow("model not a string") << testing::edited(body, QStringLiteral("model"), 3)
                                        << QStringLiteral("\"model\" is not a string");
}

void TestLlmParser::chatCompletionRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, fragment);

    testing::verifyRejected(testing::outcomeOf(LlmParser::chatCompletion(json)), CompletionSubject,
                            fragment);
}

void TestLlmParser::chatCompletionErrorBody_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("OpenAI error object")
        << openAiError(QStringLiteral("The model `gpt-5-mega` does not exist."),
                       QStringLiteral("model_not_found"))
        << QStringLiteral("The model `gpt-5-mega` does not exist.");
    QTest::newRow("Ollama native error")
        << compact({{QStringLiteral("error"), QStringLiteral("model \"llama9\" not found")}})
        << QStringLiteral("model \"llama9\" not found");
    QTest::newRow("error without a message")
        << compact({{QStringLiteral("error"), QJsonObject {{QStringLiteral("code"), 500}}}})
        << QStringLiteral("The AI endpoint answered with an error.");
}

void TestLlmParser::chatCompletionErrorBody()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    // An endpoint (or a proxy before it) that answers 200 with an error body: a failure that
    // says what the endpoint said, not a complaint about missing choices.
    const ParseResult<LlmCompletion> result = LlmParser::chatCompletion(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, expected);
}

void TestLlmParser::modelLists_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");

    const QString library = QStringLiteral("library");
    QTest::newRow("OpenAI /v1/models")
        << QStringLiteral("models")
        << modelList({modelEntry(QStringLiteral("gpt-4.1"), QStringLiteral("system")),
                      modelEntry(QStringLiteral("gpt-4o-mini"), QStringLiteral("system"))})
        << QStringList {QStringLiteral("gpt-4.1"), QStringLiteral("gpt-4o-mini")};
    QTest::newRow("Ollama /v1/models")
        << QStringLiteral("models")
        << modelList({modelEntry(QStringLiteral("llama3.2:latest"), library),
                      modelEntry(QStringLiteral("qwen2.5:7b"), library)})
        << QStringList {QStringLiteral("llama3.2:latest"), QStringLiteral("qwen2.5:7b")};
    QJsonObject llamaCpp
        = modelEntry(QStringLiteral("../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"),
                     QStringLiteral("llamacpp"));
    llamaCpp.insert(QStringLiteral("meta"),
                    QJsonObject {{QStringLiteral("vocab_type"), 2},
                                 {QStringLiteral("n_vocab"), 128256},
                                 {QStringLiteral("n_ctx_train"), 131072},
                                 {QStringLiteral("n_params"), qint64(8030261312)}});
    QTest::newRow("llama.cpp /v1/models with meta")
        << QStringLiteral("models") << modelList({llamaCpp})
        << QStringList {QStringLiteral("../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf")};
    QTest::newRow("no model") << QStringLiteral("models") << modelList({}) << QStringList();
    QTest::newRow("a model listed twice")
        << QStringLiteral("models")
        << modelList({modelEntry(QStringLiteral("llama3.2:latest"), library),
                      modelEntry(QStringLiteral("llama3.2:latest"), library)})
        << QStringList {QStringLiteral("llama3.2:latest")};
    QTest::newRow("Ollama /api/tags")
        << QStringLiteral("tags")
        << tagList({tag(QStringLiteral("llama3.2:latest")), tag(QStringLiteral("deepseek-r1:7b"))})
        << QStringList {QStringLiteral("llama3.2:latest"), QStringLiteral("deepseek-r1:7b")};
    QTest::newRow("Ollama /api/tags, nothing pulled")
        << QStringLiteral("tags") << tagList({}) << QStringList();
}

void TestLlmParser::modelLists()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);

    const ParseResult<QStringList> result = parseList(parser, json);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(*result.value, expected);
}

void TestLlmParser::modelListsRejected_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("fragment");

    const QString models = QStringLiteral("models");
    const QString tags = QStringLiteral("tags");
    const QByteArray list
        = modelList({modelEntry(QStringLiteral("gpt-4.1"), QStringLiteral("system"))});
    const QByteArray tagged = tagList({tag(QStringLiteral("llama3.2:latest"))});
    QTest::newRow("models: malformed JSON") << models << QByteArray("{\"data\": [")
                                            << ModelListSubject << QStringLiteral("invalid JSON");
    QTest::newRow("models: Ollama's /api/tags instead")
        << models << tagged << ModelListSubject << QStringLiteral("missing \"data\"");
    QTest::newRow("models: data not an array")
        << models << testing::edited(list, QStringLiteral("data"), QStringLiteral("gpt-4.1"))
        << ModelListSubject << QStringLiteral("\"data\" is not an array");
    QTest::newRow("models: entry not an object")
        << models << testing::edited(list, QStringLiteral("data[0]"), QStringLiteral("gpt-4.1"))
        << ModelListSubject << QStringLiteral("\"data[0]\" is not an object");
    QTest::newRow("models: no id") << models << testing::removed(list, QStringLiteral("data[0].id"))
                                   << ModelListSubject << QStringLiteral("missing \"data[0].id\"");
    QTest::newRow("models: empty id")
        << models << testing::edited(list, QStringLiteral("data[0].id"), QString())
        << ModelListSubject << QStringLiteral("\"data[0].id\" is empty");
    QTest::newRow("models: id a number")
        << models << testing::edited(list, QStringLiteral("data[0].id"), 7) << ModelListSubject
        << QStringLiteral("\"data[0].id\" is not a string");
    QTest::newRow("tags: the /v1/models list instead")
        << tags << list << TagsSubject << QStringLiteral("missing \"models\"");
    QTest::newRow("tags: no name")
        << tags << testing::removed(tagged, QStringLiteral("models[0].name")) << TagsSubject
        << QStringLiteral("missing \"models[0].name\"");
    QTest::newRow("tags: empty body")
        << tags << QByteArray() << TagsSubject << QStringLiteral("empty response");
}

void TestLlmParser::modelListsRejected()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, json);
    QFETCH(QString, subject);
    QFETCH(QString, fragment);

    testing::verifyRejected(testing::outcomeOf(parseList(parser, json)), subject, fragment);
}

void TestLlmParser::errorMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    const QString openAiKey
        = QStringLiteral("Incorrect API key provided: sk-abc***xyz. You can find your API key at "
                         "https://platform.openai.com/account/api-keys.");
    QTest::newRow("OpenAI invalid_api_key")
        << openAiError(openAiKey, QStringLiteral("invalid_api_key")) << openAiKey;
    QTest::newRow("llama.cpp, numeric code") << compact(
        {{QStringLiteral("error"),
          QJsonObject {{QStringLiteral("code"), 401},
                       {QStringLiteral("message"), QStringLiteral("Invalid API Key")},
                       {QStringLiteral("type"), QStringLiteral("authentication_error")}}}})
                                             << QStringLiteral("Invalid API Key");
    QTest::newRow("Ollama's OpenAI layer")
        << openAiError(QStringLiteral("model \"llama9\" not found, try pulling it first"),
                       QJsonValue::Null)
        << QStringLiteral("model \"llama9\" not found, try pulling it first");
    QTest::newRow("Ollama native")
        << compact({{QStringLiteral("error"), QStringLiteral("model not found")}})
        << QStringLiteral("model not found");
    QTest::newRow("line breaks simplified")
        << compact({{QStringLiteral("error"), QStringLiteral("model\n   not\tfound ")}})
        << QStringLiteral("model not found");
    QTest::newRow("a completion, not an error")
        << ollamaBody(Description, QStringLiteral("stop")) << QString();
    QTest::newRow("error object without message")
        << compact({{QStringLiteral("error"), QJsonObject {{QStringLiteral("code"), 500}}}})
        << QString();
    QTest::newRow("error a number") << compact({{QStringLiteral("error"), 42}}) << QString();
    QTest::newRow("plain text 404") << QByteArray("404 page not found") << QString();
    QTest::newRow("empty body") << QByteArray() << QString();
}

void TestLlmParser::errorMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    QCOMPARE(LlmParser::errorMessage(json), expected);
}

void TestLlmParser::errorMessageIsClipped_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    // A broken server could send megabytes; the message ends up in a status line.
    QString message;
    for (int i = 0; i < 1000; ++i)
        message += QStringLiteral("word%1 ").arg(i);
    message = message.trimmed();
    QTest::newRow("OpenAI shape") << openAiError(message, QJsonValue::Null) << message;
    QTest::newRow("Ollama native") << compact({{QStringLiteral("error"), message}}) << message;
}

void TestLlmParser::errorMessageIsClipped()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    const QString clipped = LlmParser::errorMessage(json);
    QVERIFY(!clipped.isEmpty());
    QVERIFY2(clipped.size() < 1000, qPrintable(QString::number(clipped.size())));
    QVERIFY(clipped.size() < message.size());
    QVERIFY2(clipped.endsWith(QChar(0x2026)), qPrintable(clipped.right(20)));
    QVERIFY2(message.startsWith(clipped.chopped(1)), qPrintable(clipped));
}

void TestLlmParser::promptFacts_data()
{
    QTest::addColumn<Album>("album");
    QTest::addColumn<QStringList>("lines"); // each must be a whole line of the facts
    QTest::addColumn<QStringList>("absent"); // no line may start with these

    QTest::newRow("every fact") << wildIsTheWind()
                                << QStringList {QStringLiteral("Artist: Nina Simone"),
                                                QStringLiteral("Title: Wild Is the Wind"),
                                                QStringLiteral("Year: 1966"),
                                                QStringLiteral("Release date: 1966-04"),
                                                QStringLiteral("Label: Philips"),
                                                QStringLiteral("Format: LP, Album, Mono"),
                                                QStringLiteral(
                                                    "Genres and styles: Jazz, Soul, Vocal"),
                                                QStringLiteral("Known from: Discogs (LP)"),
                                                QStringLiteral("Tracklist:"),
                                                QStringLiteral("1. I Love Your Lovin' Ways (2:45)"),
                                                QStringLiteral("2. Four Women (4:09)"),
                                                QStringLiteral("3. Wild Is the Wind (6:56)"),
                                                QStringLiteral("4. Lilac Wine")}
                                << QStringList {QStringLiteral("Tracks:")};

    QTest::newRow("only artist and title")
        << album(QStringLiteral("Sun Ra"), QStringLiteral("Lanquidity"))
        << QStringList {QStringLiteral("Artist: Sun Ra"), QStringLiteral("Title: Lanquidity")}
        << QStringList {QStringLiteral("Year"),      QStringLiteral("Release date"),
                        QStringLiteral("Label"),     QStringLiteral("Format"),
                        QStringLiteral("Genres"),    QStringLiteral("Known from"),
                        QStringLiteral("Tracklist"), QStringLiteral("Tracks")};

    Album blank = album(QStringLiteral("  Can  "), QStringLiteral("Tago Mago"), 1971);
    blank.releaseDate = QStringLiteral("1971"); // no more than the year
    blank.label = QStringLiteral("   ");
    blank.format = QString();
    blank.genres = {QString()};
    QTest::newRow("blank label, format and genres, trimmed artist")
        << blank
        << QStringList {QStringLiteral("Artist: Can"), QStringLiteral("Title: Tago Mago"),
                        QStringLiteral("Year: 1971")}
        << QStringList {QStringLiteral("Release date"), QStringLiteral("Label"),
                        QStringLiteral("Format"), QStringLiteral("Genres")};

    Album twoDiscs = album(QStringLiteral("Miles Davis"), QStringLiteral("Bitches Brew"), 1970);
    twoDiscs.tracks = {track(1, 1, QStringLiteral("Pharaoh's Dance"), 1200000),
                       track(2, 1, QStringLiteral("Spanish Key"), 0)};
    QTest::newRow("two discs") << twoDiscs
                               << QStringList {QStringLiteral("Tracklist:"),
                                               QStringLiteral("1-1. Pharaoh's Dance (20:00)"),
                                               QStringLiteral("2-1. Spanish Key")}
                               << QStringList {QStringLiteral("Tracks:")};

    Album counted = album(QStringLiteral("Talk Talk"), QStringLiteral("Spirit of Eden"), 1988);
    counted.trackCount = 6;
    counted.sources = {source(QStringLiteral("spotify")), source(QStringLiteral("musicbrainz"))};
    QTest::newRow("a track count without a tracklist, two sources")
        << counted
        << QStringList {QStringLiteral("Tracks: 6"),
                        QStringLiteral("Known from: Spotify; MusicBrainz")}
        << QStringList {QStringLiteral("Tracklist")};
}

void TestLlmParser::promptFacts()
{
    QFETCH(Album, album);
    QFETCH(QStringList, lines);
    QFETCH(QStringList, absent);

    const QString facts = DescriptionPrompt::facts(album);
    const QStringList written = facts.split(u'\n');
    for (const QString &line : std::as_const(lines))
        QVERIFY2(written.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + facts));
    for (const QString &line : written) {
        QVERIFY2(!line.trimmed().isEmpty(),
                 qPrintable(QStringLiteral("an empty line in:\n") + facts));
        for (const QString &prefix : std::as_const(absent))
            QVERIFY2(!line.startsWith(prefix), qPrintable(line));
    }
    QVERIFY2(!facts.contains(QStringLiteral("Year: 0")), qPrintable(facts));
}

void TestLlmParser::promptMessages()
{
    const Album nina = wildIsTheWind();
    const QJsonArray messages = DescriptionPrompt::messages(nina);
    QCOMPARE(messages.size(), 2);
    const QJsonObject system = messages.at(0).toObject();
    const QJsonObject user = messages.at(1).toObject();
    QCOMPARE(system.value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(system.value(QStringLiteral("content")).toString(), DescriptionPrompt::systemPrompt());
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    const QString content = user.value(QStringLiteral("content")).toString();
    QVERIFY2(content.contains(DescriptionPrompt::facts(nina)), qPrintable(content));
    QVERIFY2(content.contains(QStringLiteral("Wild Is the Wind")), qPrintable(content));
    QVERIFY2(content.contains(QStringLiteral("Nina Simone")), qPrintable(content));
    // What the person sees under "Why this text" is all the model is told about the album.
    QVERIFY(!system.value(QStringLiteral("content")).toString().contains(QStringLiteral("Nina")));
}

void TestLlmParser::systemPromptForbidsInventions()
{
    const QString prompt = DescriptionPrompt::systemPrompt();
    QVERIFY2(prompt.contains(QStringLiteral("only the facts"), Qt::CaseInsensitive),
             qPrintable(prompt));
    QVERIFY2(prompt.contains(QStringLiteral("chart position"), Qt::CaseInsensitive),
             qPrintable(prompt));
    QVERIFY2(prompt.contains(QStringLiteral("award"), Qt::CaseInsensitive), qPrintable(prompt));
    QVERIFY2(prompt.contains(QStringLiteral("Do not"), Qt::CaseInsensitive), qPrintable(prompt));
}

void TestLlmParser::usableText_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("expected");

    QTest::newRow("whole answer: only trimmed")
        << QStringLiteral("\n  A warm record. It ends without a stop  \n") << false
        << QStringLiteral("A warm record. It ends without a stop");
    QTest::newRow("cut: back to the last full sentence")
        << QStringLiteral("A warm record. Its songs move between") << true
        << QStringLiteral("A warm record.");
    QTest::newRow("cut: question and exclamation marks end sentences")
        << QStringLiteral("Is it jazz? It is! And then the") << true
        << QStringLiteral("Is it jazz? It is!");
    QTest::newRow("cut: trimmed first")
        << QStringLiteral("  A warm record. Its  ") << true << QStringLiteral("A warm record.");
    QTest::newRow("cut right after a sentence")
        << QStringLiteral("One sentence. Two sentences.") << true
        << QStringLiteral("One sentence. Two sentences.");
    QTest::newRow("cut: no whole sentence")
        << QStringLiteral("A warm record whose songs") << true << QString();
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("whitespace, cut") << QStringLiteral(" \n\t ") << true << QString();
}

void TestLlmParser::usableText()
{
    QFETCH(QString, answer);
    QFETCH(bool, truncated);
    QFETCH(QString, expected);

    QCOMPARE(DescriptionPrompt::usableText(answer, truncated), expected);
}

QTEST_GUILESS_MAIN(TestLlmParser)
#include "tst_llmparser.moc"
