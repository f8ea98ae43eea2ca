#include "fakellm.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using aime::fakes::FakeLlm;
using aime::fakes::FakeLlmOptions;

namespace {

constexpr int Timeout = 5000;
const QString Model = QStringLiteral("llama3.2:latest");

struct Answer
{
    int status = 0; // 0: no answer within the timeout
    QByteArray body;
    QByteArray contentType;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error() const { return json().value(u"error").toObject(); }
};

QJsonObject userMessage(const QString &content)
{
    return {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), content}};
}

// A chat request as AIME would send it: a system message, then the user's.
QJsonObject chatRequest(const QString &prompt, int maxTokens = 0, const QString &model = Model)
{
    QJsonObject request {
        {QStringLiteral("model"), model},
        {QStringLiteral("messages"),
         QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                                  {QStringLiteral("content"),
                                   QStringLiteral("You write short album descriptions.")}},
                     userMessage(prompt)}},
        {QStringLiteral("temperature"), 0.2}};
    if (maxTokens > 0)
        request.insert(QStringLiteral("max_tokens"), maxTokens);
    return request;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QString Prompt = QStringLiteral(
    "Describe the album \"Kind of Blue\" by Miles Davis, released in 1959, in two sentences.");

struct Stream
{
    QList<QJsonObject> chunks; // every data: line but [DONE]
    bool endsWithDone = false;
    bool framed = true; // every event is one "data: " line followed by a blank line
};

Stream parseEvents(const QByteArray &body)
{
    Stream stream;
    stream.framed = body.endsWith("\n\n");
    QList<QByteArray> events = body.split('\n');
    // "data: x\n\ndata: y\n\n" splits into "data: x", "", "data: y", "", "".
    for (qsizetype i = 0; i + 1 < events.size(); i += 2) {
        const QByteArray &line = events.at(i);
        if (!line.startsWith("data: ") || !events.at(i + 1).isEmpty()) {
            stream.framed = false;
            return stream;
        }
        const QByteArray data = line.mid(6);
        if (data == "[DONE]") {
            stream.endsWithDone = i + 3 == events.size();
            continue;
        }
        stream.chunks.append(QJsonDocument::fromJson(data).object());
    }
    return stream;
}

} // namespace

class TestFakeLlm : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void completion();
    void describe_data();
    void describe();
    void maxTokens_data();
    void maxTokens();
    void streaming_data();
    void streaming();
    void apiKey_data();
    void apiKey();
    void badRequest_data();
    void badRequest();
    void model_data();
    void model();
    void modelLists();
    void health();

private:
    Answer send(const QUrl &url, const QByteArray &method, const QByteArray &body = {},
                const QByteArray &authorization = "Bearer ollama");
    Answer chat(const FakeLlm &fake, const QJsonObject &request)
    {
        return send(endpoint(fake, QStringLiteral("/v1/chat/completions")), "POST",
                    compact(request));
    }
    static QUrl endpoint(const FakeLlm &fake, const QString &path)
    {
        QUrl url = fake.baseUrl();
        url.setPath(path);
        return url;
    }

    // A new one for every test: a connection it kept to an old fake's port would be reused for
    // a new fake that got the same port, and fail once.
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

Answer TestFakeLlm::send(const QUrl &url, const QByteArray &method, const QByteArray &body,
                         const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", "AIME-tests/1.0");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(
        method == "GET" ? m_nam->get(request) : m_nam->sendCustomRequest(request, method, body),
        [](QNetworkReply *r) { r->deleteLater(); });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Answer answer;
    if (!reply->isFinished() && !finished.wait(Timeout))
        return answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.contentType = reply->rawHeader("Content-Type");
    return answer;
}

void TestFakeLlm::init()
{
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestFakeLlm::cleanup()
{
    m_nam.reset();
}

void TestFakeLlm::completion()
{
    FakeLlm fake;
    QVERIFY(fake.listen());
    const QJsonObject request = chatRequest(Prompt);
    const Answer answer = chat(fake, request);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("application/json"));

    const QJsonObject body = answer.json();
    QCOMPARE(body.value(u"id").toString(), QStringLiteral("chatcmpl-1"));
    QCOMPARE(body.value(u"object").toString(), QStringLiteral("chat.completion"));
    QVERIFY(body.value(u"created").toInteger() > 1'700'000'000);
    QCOMPARE(body.value(u"model").toString(), Model);
    QCOMPARE(body.value(u"system_fingerprint").toString(), QStringLiteral("fp_ollama"));
    const QJsonArray choices = body.value(u"choices").toArray();
    QCOMPARE(choices.size(), 1);
    const QJsonObject choice = choices.at(0).toObject();
    QCOMPARE(choice.value(u"index").toInt(-1), 0);
    QCOMPARE(choice.value(u"finish_reason").toString(), QStringLiteral("stop"));
    const QJsonObject message = choice.value(u"message").toObject();
    QCOMPARE(message.value(u"role").toString(), QStringLiteral("assistant"));
    const QString content = message.value(u"content").toString();
    QVERIFY(content.contains(u"Kind of Blue"));
    QVERIFY(content.contains(u"Miles Davis"));
    const qsizetype sentences = content.count(QRegularExpression(QStringLiteral("[.!?](\\s|$)")));
    QVERIFY2(sentences >= 2 && sentences <= 3, qPrintable(content));

    const QJsonObject usage = body.value(u"usage").toObject();
    const int words = int(content.split(u' ', Qt::SkipEmptyParts).size());
    QCOMPARE(usage.value(u"completion_tokens").toInt(), words);
    QVERIFY(usage.value(u"prompt_tokens").toInt() > 0);
    QCOMPARE(usage.value(u"total_tokens").toInt(), usage.value(u"prompt_tokens").toInt() + words);

    QCOMPARE(fake.completionsServed(), 1);
    QCOMPARE(fake.lastRequest(), request);
    QCOMPARE(content, FakeLlm::describe(request.value(u"messages").toArray()));

    // The same question, the same answer; the id counts on.
    const Answer again = chat(fake, request);
    QCOMPARE(again.json()
                 .value(u"choices")[0][QLatin1String("message")][QLatin1String("content")]
                 .toString(),
             content);
    QCOMPARE(again.json().value(u"id").toString(), QStringLiteral("chatcmpl-2"));
    QCOMPARE(fake.completionsServed(), 2);
}

void TestFakeLlm::describe_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("quoted title, by artist")
        << Prompt
        << QStringList {QStringLiteral("\"Kind of Blue\" by Miles Davis"), QStringLiteral("1959")};
    QTest::newRow("labelled lines")
        << QStringLiteral("Write a description.\nArtist: Radiohead\nTitle: OK Computer\nYear: 1997")
        << QStringList {QStringLiteral("\"OK Computer\" by Radiohead"), QStringLiteral("1997")};
    QTest::newRow("curly quotes")
        << QStringLiteral("Tell me about \u201CBlue Lines\u201D by Massive Attack.")
        << QStringList {QStringLiteral("\"Blue Lines\" by Massive Attack")};
    QTest::newRow("artist only") << QStringLiteral("Something by Nina Simone, please")
                                 << QStringList {QStringLiteral("Nina Simone")};
    QTest::newRow("nothing named")
        << QStringLiteral("hello") << QStringList {QStringLiteral("This album")};
}

void TestFakeLlm::describe()
{
    QFETCH(QString, prompt);
    QFETCH(QStringList, mentions);
    const QString text = FakeLlm::describe(QJsonArray {userMessage(prompt)});
    for (const QString &mention : mentions)
        QVERIFY2(text.contains(mention), qPrintable(text));
    QCOMPARE(text, text.simplified());
    QCOMPARE(FakeLlm::describe(QJsonArray {userMessage(prompt)}), text);
}

void TestFakeLlm::maxTokens_data()
{
    QTest::addColumn<int>("maxTokens"); // 0: not sent
    QTest::addColumn<int>("defaultCap");
    QTest::addColumn<bool>("cut");

    QTest::newRow("not sent") << 0 << 512 << false;
    QTest::newRow("roomy") << 400 << 512 << false;
    QTest::newRow("5") << 5 << 512 << true;
    QTest::newRow("1") << 1 << 512 << true;
    QTest::newRow("not sent, small default") << 0 << 7 << true;
}

void TestFakeLlm::maxTokens()
{
    QFETCH(int, maxTokens);
    QFETCH(int, defaultCap);
    QFETCH(bool, cut);

    FakeLlm fake({.maxTokensDefault = defaultCap});
    QVERIFY(fake.listen());
    const QJsonObject request = chatRequest(Prompt, maxTokens);
    const Answer answer = chat(fake, request);
    QCOMPARE(answer.status, 200);
    const QJsonObject choice = answer.json().value(u"choices")[0].toObject();
    const QString content = choice.value(u"message")[QLatin1String("content")].toString();
    const QString whole = FakeLlm::describe(request.value(u"messages").toArray());
    QCOMPARE(choice.value(u"finish_reason").toString(),
             cut ? QStringLiteral("length") : QStringLiteral("stop"));
    const int cap = maxTokens > 0 ? maxTokens : defaultCap;
    if (cut) {
        QCOMPARE(content.split(u' ').size(), cap);
        QVERIFY(whole.startsWith(content + u' '));
    } else {
        QCOMPARE(content, whole);
    }
    QCOMPARE(answer.json().value(u"usage")[QLatin1String("completion_tokens")].toInt(),
             int(content.split(u' ').size()));
}

void TestFakeLlm::streaming_data()
{
    QTest::addColumn<bool>("includeUsage");
    QTest::addColumn<int>("maxTokens"); // 0: not sent

    QTest::newRow("plain") << false << 0;
    QTest::newRow("with usage") << true << 0;
    QTest::newRow("cut at 6, with usage") << true << 6;
}

// The deltas put together are the non-streamed answer; framing is "data: ...\n\n" and the
// stream ends with [DONE].
void TestFakeLlm::streaming()
{
    QFETCH(bool, includeUsage);
    QFETCH(int, maxTokens);

    FakeLlm fake;
    QVERIFY(fake.listen());
    QJsonObject request = chatRequest(Prompt, maxTokens);
    const Answer whole = chat(fake, request);
    QCOMPARE(whole.status, 200);
    const QJsonObject expected = whole.json().value(u"choices")[0].toObject();

    request.insert(QStringLiteral("stream"), true);
    if (includeUsage)
        request.insert(QStringLiteral("stream_options"),
                       QJsonObject {{QStringLiteral("include_usage"), true}});
    const Answer answer = chat(fake, request);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("text/event-stream"));

    const Stream stream = parseEvents(answer.body);
    QVERIFY2(stream.framed, answer.body.left(200).constData());
    QVERIFY(stream.endsWithDone);
    QVERIFY(stream.chunks.size() >= 3);

    QString content;
    QString finishReason;
    QJsonObject usage;
    const QString id = stream.chunks.first().value(u"id").toString();
    QVERIFY(id.startsWith(u"chatcmpl-"));
    for (qsizetype i = 0; i < stream.chunks.size(); ++i) {
        const QJsonObject &chunk = stream.chunks.at(i);
        QCOMPARE(chunk.value(u"object").toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(chunk.value(u"id").toString(), id);
        QCOMPARE(chunk.value(u"system_fingerprint").toString(), QStringLiteral("fp_ollama"));
        const QJsonArray choices = chunk.value(u"choices").toArray();
        if (choices.isEmpty()) { // the usage chunk, last
            QVERIFY(includeUsage);
            QCOMPARE(i, stream.chunks.size() - 1);
            usage = chunk.value(u"usage").toObject();
            continue;
        }
        QVERIFY2(finishReason.isEmpty(), "a chunk after the one with finish_reason");
        const QJsonObject choice = choices.at(0).toObject();
        const QJsonObject delta = choice.value(u"delta").toObject();
        if (i == 0)
            QCOMPARE(delta.value(u"role").toString(), QStringLiteral("assistant"));
        content += delta.value(u"content").toString();
        const QJsonValue finish = choice.value(u"finish_reason");
        QVERIFY(finish.isNull() || finish.isString());
        finishReason = finish.toString();
    }
    QCOMPARE(content, expected.value(u"message")[QLatin1String("content")].toString());
    QCOMPARE(finishReason, expected.value(u"finish_reason").toString());
    QCOMPARE(usage.isEmpty(), !includeUsage);
    if (includeUsage) {
        QCOMPARE(usage, whole.json().value(u"usage").toObject());
    }
    QCOMPARE(fake.completionsServed(), 2);
    QCOMPARE(fake.lastRequest(), request);
}

void TestFakeLlm::apiKey_data()
{
    QTest::addColumn<QString>("configured"); // empty: none, as Ollama
    QTest::addColumn<QByteArray>("authorization"); // empty: not sent
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    const QString chatPath = QStringLiteral("/v1/chat/completions");
    const QString key = QStringLiteral("s3cret");
    QTest::newRow("Ollama, no key")
        << QString() << QByteArray() << QByteArray("POST") << chatPath << 200;
    QTest::newRow("Ollama, any key")
        << QString() << QByteArray("Bearer anything") << QByteArray("POST") << chatPath << 200;
    QTest::newRow("llama.cpp, no key")
        << key << QByteArray() << QByteArray("POST") << chatPath << 401;
    QTest::newRow("llama.cpp, wrong key")
        << key << QByteArray("Bearer nope") << QByteArray("POST") << chatPath << 401;
    QTest::newRow("llama.cpp, key without Bearer")
        << key << QByteArray("s3cret") << QByteArray("POST") << chatPath << 401;
    QTest::newRow("llama.cpp, right key")
        << key << QByteArray("Bearer s3cret") << QByteArray("POST") << chatPath << 200;
    QTest::newRow("llama.cpp, /health is public")
        << key << QByteArray() << QByteArray("GET") << QStringLiteral("/health") << 200;
    QTest::newRow("llama.cpp, /v1/models is public")
        << key << QByteArray() << QByteArray("GET") << QStringLiteral("/v1/models") << 200;
    QTest::newRow("llama.cpp, a model's details are not")
        << key << QByteArray() << QByteArray("GET") << QString(QLatin1String("/v1/models/") + Model)
        << 401;
}

void TestFakeLlm::apiKey()
{
    QFETCH(QString, configured);
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);

    FakeLlm fake({.apiKey = configured});
    QVERIFY(fake.listen());
    const Answer answer
        = send(endpoint(fake, path), method,
               method == "POST" ? compact(chatRequest(Prompt)) : QByteArray(), authorization);
    QCOMPARE(answer.status, status);
    if (status == 401) {
        // llama.cpp's body: an integer code, unlike OpenAI's.
        const QJsonObject expected {
            {QStringLiteral("error"),
             QJsonObject {{QStringLiteral("code"), 401},
                          {QStringLiteral("message"), QStringLiteral("Invalid API Key")},
                          {QStringLiteral("type"), QStringLiteral("authentication_error")}}}};
        QCOMPARE(answer.json(), expected);
        QCOMPARE(fake.completionsServed(), 0);
    }
}

void TestFakeLlm::badRequest_data()
{
    QTest::addColumn<QByteArray>("body");

    const auto with = [](const char *key, const QJsonValue &value) {
        QJsonObject request = chatRequest(Prompt);
        if (value.isUndefined())
            request.remove(QLatin1String(key));
        else
            request.insert(QLatin1String(key), value);
        return compact(request);
    };
    QTest::newRow("not JSON") << QByteArray("{\"model\": ");
    QTest::newRow("not an object") << QByteArray("[1, 2]");
    QTest::newRow("empty body") << QByteArray();
    QTest::newRow("no model") << with("model", QJsonValue::Undefined);
    QTest::newRow("no messages") << with("messages", QJsonValue::Undefined);
    QTest::newRow("empty messages") << with("messages", QJsonArray());
    QTest::newRow("messages not an array") << with("messages", QStringLiteral("hi"));
    QTest::newRow("message without role")
        << with("messages", QJsonArray {QJsonObject {{QStringLiteral("content"), Prompt}}});
    QTest::newRow("max_tokens 0") << with("max_tokens", 0);
    QTest::newRow("max_tokens not a number") << with("max_tokens", QStringLiteral("ten"));
    QTest::newRow("stream not a boolean") << with("stream", QStringLiteral("yes"));
}

// Ollama's error shape: {"error": {"message", "type", "param": null, "code": null}}.
void TestFakeLlm::badRequest()
{
    QFETCH(QByteArray, body);
    FakeLlm fake;
    QVERIFY(fake.listen());
    const Answer answer
        = send(endpoint(fake, QStringLiteral("/v1/chat/completions")), "POST", body);
    QCOMPARE(answer.status, 400);
    const QJsonObject error = answer.error();
    QVERIFY(!error.value(u"message").toString().isEmpty());
    QCOMPARE(error.value(u"type").toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(error.contains(u"param") && error.value(u"param").isNull());
    QVERIFY(error.contains(u"code") && error.value(u"code").isNull());
    QCOMPARE(fake.completionsServed(), 0);
}

void TestFakeLlm::model_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<int>("status");

    QTest::newRow("served") << Model << 200;
    QTest::newRow("served, implicit :latest") << QStringLiteral("llama3.2") << 200;
    QTest::newRow("not pulled") << QStringLiteral("mistral:7b") << 404;
    QTest::newRow("other tag") << QStringLiteral("llama3.2:1b") << 404;
}

void TestFakeLlm::model()
{
    QFETCH(QString, requested);
    QFETCH(int, status);
    FakeLlm fake;
    QVERIFY(fake.listen());
    const Answer answer = chat(fake, chatRequest(Prompt, 0, requested));
    QCOMPARE(answer.status, status);
    if (status == 200) {
        QCOMPARE(answer.json().value(u"model").toString(), requested);
        return;
    }
    const QJsonObject error = answer.error();
    QCOMPARE(error.value(u"type").toString(), QStringLiteral("not_found_error"));
    QCOMPARE(error.value(u"message").toString(),
             QStringLiteral("model \"%1\" not found, try pulling it first").arg(requested));
}

// /v1/models lists data[].id, Ollama's /api/tags models[].name; both name the one model.
void TestFakeLlm::modelLists()
{
    FakeLlm fake({.model = QStringLiteral("qwen2.5:7b")});
    QVERIFY(fake.listen());

    const Answer models = send(endpoint(fake, QStringLiteral("/v1/models")), "GET");
    QCOMPARE(models.status, 200);
    QCOMPARE(models.json().value(u"object").toString(), QStringLiteral("list"));
    const QJsonObject entry = models.json().value(u"data")[0].toObject();
    QCOMPARE(entry.value(u"id").toString(), QStringLiteral("qwen2.5:7b"));
    QCOMPARE(entry.value(u"object").toString(), QStringLiteral("model"));
    QCOMPARE(entry.value(u"owned_by").toString(), QStringLiteral("library"));
    QVERIFY(entry.value(u"created").toInteger() > 0);

    const Answer one = send(endpoint(fake, QStringLiteral("/v1/models/qwen2.5:7b")), "GET");
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json(), entry);
    QCOMPARE(send(endpoint(fake, QStringLiteral("/v1/models/llama3.2")), "GET").status, 404);

    const Answer tags = send(endpoint(fake, QStringLiteral("/api/tags")), "GET");
    QCOMPARE(tags.status, 200);
    const QJsonArray list = tags.json().value(u"models").toArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject tag = list.at(0).toObject();
    QCOMPARE(tag.value(u"name").toString(), QStringLiteral("qwen2.5:7b"));
    QCOMPARE(tag.value(u"model").toString(), QStringLiteral("qwen2.5:7b"));
    QCOMPARE(tag.value(u"digest").toString().size(), 64);
    QVERIFY(tag.value(u"size").toInteger() > 0);
    QCOMPARE(tag.value(u"details")[QLatin1String("family")].toString(), QStringLiteral("qwen"));

    QCOMPARE(send(endpoint(fake, QStringLiteral("/v1/models")), "POST").status, 405);
    QCOMPARE(send(endpoint(fake, QStringLiteral("/api/nothing")), "GET").status, 404);
}

void TestFakeLlm::health()
{
    FakeLlm fake;
    QVERIFY(fake.listen());
    const Answer ready = send(endpoint(fake, QStringLiteral("/health")), "GET");
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.json().value(u"status").toString(), QStringLiteral("ok"));

    fake.setLoading(true);
    const Answer loading = send(endpoint(fake, QStringLiteral("/v1/health")), "GET");
    QCOMPARE(loading.status, 503);
    QCOMPARE(loading.error().value(u"code").toInt(), 503);
    QCOMPARE(loading.error().value(u"message").toString(), QStringLiteral("Loading model"));
    QCOMPARE(chat(fake, chatRequest(Prompt)).status, 503);
    fake.setLoading(false);
    QCOMPARE(chat(fake, chatRequest(Prompt)).status, 200);
}

QTEST_GUILESS_MAIN(TestFakeLlm)
#include "tst_fakellm.moc"
