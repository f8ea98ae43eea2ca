#include "ai/describealbumsjob.h"
#include "ai/descriptionprompt.h"
#include "ai/descriptionservice.h"
#include "ai/llmclient.h"
#include "core/datalocation.h"
#include "core/workerpool.h"
#include "domain/albumdescription.h"
#include "fakellm.h"
#include "fakeserver.h"
#include "import/importmanager.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

using namespace aime;
using namespace std::chrono_literals;
using fakes::FakeLlm;
using fakes::FakeLlmOptions;
using fakes::FakeResponse;
using fakes::FakeServer;
using fakes::Fault;

namespace {

// How long a test waits for one description or one failure (Debug + ASan is slow; a timeout
// row takes a second, an unreachable endpoint one retry).
constexpr int waitMs = 20000;
// How long it waits for a describe job of up to 200 albums.
constexpr int jobWaitMs = 120000;

const QString describeSource = QString::fromLatin1(DescribeAlbumsJob::source);
const QString chatPath = QStringLiteral("/v1/chat/completions");
const QString timeoutVariable = QStringLiteral("AIME_LLM_TIMEOUT_MS");

// Where the endpoint of a failure row is.
enum class Endpoint {
    Fake, // FakeLlm
    Nobody, // a port nothing listens on
    Plain, // a FakeServer that answers every request with `plainBody`
};

// One way for a description to fail, and the phrase the person must be told.
struct FailureCase
{
    Endpoint endpoint = Endpoint::Fake;
    QString model = FakeLlmOptions().model; // empty: none set, the endpoint's first is looked up
    QString fakeKey {}; // the key FakeLlm checks
    QString clientKey {}; // the key the client sends
    std::optional<Fault> fault {};
    int latencyMs = 0;
    QByteArray timeoutMs {}; // AIME_LLM_TIMEOUT_MS; empty: the default
    QByteArray plainBody {};
    QString phrase {};
};

// How one generate() or saveEdited() ended.
struct Outcome
{
    bool finished = false; // finished() came within waitMs
    bool ok = false;
    QString message;
    int changed = 0; // descriptionChanged() for the album
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A chat completion as an OpenAI-compatible endpoint answers it, with this message.
QByteArray plainAnswer(const QJsonValue &content, const QString &finishReason,
                       const QJsonValue &refusal = QJsonValue::Null)
{
    return compact({{QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
                    {QStringLiteral("object"), QStringLiteral("chat.completion")},
                    {QStringLiteral("created"), 1736000000},
                    {QStringLiteral("model"), QStringLiteral("local-model")},
                    {QStringLiteral("choices"),
                     QJsonArray {QJsonObject {
                         {QStringLiteral("index"), 0},
                         {QStringLiteral("message"),
                          QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                       {QStringLiteral("content"), content},
                                       {QStringLiteral("refusal"), refusal}}},
                         {QStringLiteral("finish_reason"), finishReason}}}}});
}

// http://127.0.0.1:PORT/v1 where nothing listens any more.
QUrl deadApiUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
}

QUrl apiUrlOf(const FakeServer &server)
{
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/v1"));
    return url;
}

Track track(int position, const QString &title, qint64 durationMs)
{
    return Track {.disc = 1, .position = position, .title = title, .durationMs = durationMs};
}

Album wildIsTheWind()
{
    Album album
        = testing::discogsAlbum(QStringLiteral("Nina Simone"), QStringLiteral("Wild Is the Wind"),
                                1966, QStringLiteral("1468133"));
    album.label = QStringLiteral("Philips");
    album.format = QStringLiteral("LP, Album, Mono");
    album.genres = {QStringLiteral("Jazz"), QStringLiteral("Soul")};
    album.tracks = {track(1, QStringLiteral("I Love Your Lovin' Ways"), 165000),
                    track(2, QStringLiteral("Four Women"), 249000),
                    track(3, QStringLiteral("Lilac Wine"), 0)};
    album.trackCount = int(album.tracks.size());
    return album;
}

// Distinct albums (testing::generatedAlbums), each with a short tracklist.
QList<Album> albumsWithTracks(int count)
{
    QList<Album> albums = testing::generatedAlbums(count);
    for (qsizetype i = 0; i < albums.size(); ++i) {
        albums[i].tracks = {track(1, QStringLiteral("Opening %1").arg(i), 201000),
                            track(2, QStringLiteral("Closing %1").arg(i), 305000)};
        albums[i].trackCount = 2;
    }
    return albums;
}

// The user message DescriptionPrompt writes for the album: what identifies its request.
QString userContent(const Album &album)
{
    const QJsonArray messages = DescriptionPrompt::messages(album);
    for (const QJsonValue &message : messages) {
        const QJsonObject object = message.toObject();
        if (object.value(QStringLiteral("role")).toString() == QLatin1String("user"))
            return object.value(QStringLiteral("content")).toString();
    }
    return {};
}

// The moment, floored to the whole second: the store may keep times to the second.
QDateTime wholeSecond(const QDateTime &moment)
{
    return QDateTime::fromSecsSinceEpoch(moment.toSecsSinceEpoch(), Qt::UTC);
}

QString describeTime(const QDateTime &at, const QDateTime &from, const QDateTime &to)
{
    return at.toString(Qt::ISODateWithMs) + QStringLiteral(" not in [")
        + from.toString(Qt::ISODateWithMs) + QStringLiteral(", ") + to.toString(Qt::ISODateWithMs)
        + u']';
}

} // namespace

Q_DECLARE_METATYPE(FailureCase)

// AI album descriptions (issue 6) against the fake OpenAI-compatible endpoint and a temporary
// collection: what is asked, what is stored (with the model and the time), what a person's edit
// keeps, every way the endpoint can fail storing nothing and saying what to do, and the describe
// job's batches under the LLM gate (two at once), cancel and resume, chosen albums only.
class TestDescriptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void requestShape();
    void answerStoredWithModelAndTime();
    void modelChosenAutomatically();
    void rightApiKeyIsSent();
    void editedTextPreservedAndRegenerate();
    void failuresStoreNothing_data();
    void failuresStoreNothing();
    void rateLimitedThenAnswered();
    void oneUnusableAnswerIsSkipped();
    void batchWithoutAnyUsableAnswerStopsTheJob();
    void describeJob200();
    void generateDuringADescribeJobGoesFirst();
    void cancelAndResume();
    void chosenAlbumsOnly();

private:
    void startFake(const FakeLlmOptions &options);
    // A new client and service for the endpoint at baseUrl (the environment is read now).
    void connectTo(const QUrl &baseUrl, const QString &apiKey = {});
    // Stores the albums; their ids, or none when the store refused them.
    QList<qint64> seed(const QList<Album> &albums);
    Album stored(qint64 albumId);
    // Runs `start` (a generate() or saveEdited() of the album) and waits for its finished().
    Outcome await(qint64 albumId, const std::function<void()> &start);
    Outcome generate(qint64 albumId);
    // From now on m_asks counts the chat requests the fake receives, by their user message.
    void countChatRequests();
    int asksFor(qint64 albumId);
    int chatRequests();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testing::PostgresTestDatabase> m_postgres;
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeLlm> m_fake;
    std::unique_ptr<FakeServer> m_plain;
    std::unique_ptr<LlmClient> m_client;
    std::unique_ptr<DescriptionService> m_service;
    QHash<QString, int> m_asks;
};

void TestDescriptions::initTestCase_data()
{
    testing::addBackendRows();
}

void TestDescriptions::init()
{
    qunsetenv(timeoutVariable.toLatin1().constData());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const std::optional<StoreConfig> config
        = testing::freshStoreConfig(testing::currentBackend(), m_dir->path(), &m_postgres);
    if (!config)
        return;
    m_store = std::make_unique<AlbumStore>(*config);
    QVERIFY(m_store->open().ok());
    m_pool = std::make_unique<WorkerPool>();
    m_network = std::make_unique<QNetworkAccessManager>();
    startFake({});
}

void TestDescriptions::cleanup()
{
    m_service.reset();
    m_client.reset();
    m_network.reset();
    m_pool.reset();
    m_store.reset();
    m_postgres.reset();
    m_plain.reset();
    m_fake.reset();
    m_dir.reset();
    m_asks.clear();
    qunsetenv(timeoutVariable.toLatin1().constData());
}

void TestDescriptions::startFake(const FakeLlmOptions &options)
{
    m_fake = std::make_unique<FakeLlm>(options);
    QVERIFY(m_fake->listen());
}

void TestDescriptions::connectTo(const QUrl &baseUrl, const QString &apiKey)
{
    m_service.reset();
    m_client = std::make_unique<LlmClient>(m_network.get(), m_pool.get(), baseUrl);
    if (!apiKey.isEmpty())
        m_client->setApiKey(apiKey);
    m_service = std::make_unique<DescriptionService>(m_store.get(), m_pool.get(), m_client.get());
}

QList<qint64> TestDescriptions::seed(const QList<Album> &albums)
{
    const UpsertResult result = m_store->upsertPage(albums);
    if (!result.ok() || result.albumIds.size() != albums.size())
        return {};
    return result.albumIds;
}

Album TestDescriptions::stored(qint64 albumId)
{
    return m_store->album(albumId).value_or(Album());
}

Outcome TestDescriptions::await(qint64 albumId, const std::function<void()> &start)
{
    QSignalSpy finished(m_service.get(), &DescriptionService::finished);
    QSignalSpy changed(m_service.get(), &DescriptionService::descriptionChanged);
    start();
    const auto ofAlbum = [albumId](const QList<QVariant> &arguments) {
        return arguments.at(0).toLongLong() == albumId;
    };
    Outcome outcome;
    outcome.finished = QTest::qWaitFor(
        [&] { return std::any_of(finished.cbegin(), finished.cend(), ofAlbum); }, waitMs);
    for (const QList<QVariant> &arguments : std::as_const(finished)) {
        if (ofAlbum(arguments)) {
            outcome.ok = arguments.at(1).toBool();
            outcome.message = arguments.at(2).toString();
            break;
        }
    }
    outcome.changed = int(std::count_if(changed.cbegin(), changed.cend(), ofAlbum));
    return outcome;
}

Outcome TestDescriptions::generate(qint64 albumId)
{
    return await(albumId, [this, albumId] { m_service->generate(albumId); });
}

void TestDescriptions::countChatRequests()
{
    // A condition of failWhen() that never holds is asked about every request that gets past
    // the fake's limits, so it sees each chat request without changing any answer.
    m_fake->server().failWhen(
        [this](const QHttpServerRequest &request) {
            if (request.url().path() != chatPath)
                return false;
            const QJsonArray messages = QJsonDocument::fromJson(request.body())
                                            .object()
                                            .value(QStringLiteral("messages"))
                                            .toArray();
            for (const QJsonValue &message : messages) {
                const QJsonObject object = message.toObject();
                if (object.value(QStringLiteral("role")).toString() == QLatin1String("user"))
                    ++m_asks[object.value(QStringLiteral("content")).toString()];
            }
            return false;
        },
        Fault::Status500, 1);
}

int TestDescriptions::asksFor(qint64 albumId)
{
    return m_asks.value(userContent(stored(albumId)));
}

int TestDescriptions::chatRequests()
{
    const QList<QByteArray> paths = m_fake->server().requestPaths();
    const QByteArray wanted = chatPath.toUtf8();
    return int(std::count(paths.cbegin(), paths.cend(), wanted));
}

void TestDescriptions::requestShape()
{
    const QList<qint64> ids = seed({wildIsTheWind()});
    QCOMPARE(ids.size(), 1);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());

    const Outcome end = generate(ids.first());
    QVERIFY2(end.finished, "no finished() for the album");
    QVERIFY2(end.ok, qPrintable(end.message));

    const QJsonObject request = m_fake->lastRequest();
    QCOMPARE(request.value(QStringLiteral("model")).toString(), m_fake->model());
    const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("user"));
    const QString user = messages.at(1).toObject().value(QStringLiteral("content")).toString();
    for (const QString &fact :
         {QStringLiteral("Nina Simone"), QStringLiteral("Wild Is the Wind"),
          QStringLiteral("Four Women"), QStringLiteral("1966"), QStringLiteral("Philips")})
        QVERIFY2(user.contains(fact), qPrintable(fact + QStringLiteral(" not in: ") + user));
    // Exactly what DescriptionPrompt builds from the stored album, nothing else.
    QVERIFY2(messages == DescriptionPrompt::messages(stored(ids.first())),
             QJsonDocument(messages).toJson().constData());

    const QJsonValue maxTokens = request.value(QStringLiteral("max_tokens"));
    QVERIFY(maxTokens.isDouble());
    QCOMPARE(maxTokens.toInt(), DescriptionPrompt::maxTokens);
    // Ollama's OpenAI layer ignores max_completion_tokens.
    QVERIFY(!request.contains(QStringLiteral("max_completion_tokens")));
    QVERIFY(request.value(QStringLiteral("stream")).isBool());
    QCOMPARE(request.value(QStringLiteral("stream")).toBool(), false);

    // A model that is set is not looked up.
    QCOMPARE(m_fake->server().requestCount(), 1);
    QCOMPARE(chatRequests(), 1);
    QCOMPARE(m_fake->completionsServed(), 1);
}

void TestDescriptions::answerStoredWithModelAndTime()
{
    const QList<qint64> ids = seed({wildIsTheWind()});
    QCOMPARE(ids.size(), 1);
    const qint64 id = ids.first();
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Outcome end = generate(id);
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QVERIFY2(end.finished, "no finished() for the album");
    QVERIFY2(end.ok, qPrintable(end.message));
    QVERIFY(end.message.isEmpty());
    QCOMPARE(end.changed, 1);
    QVERIFY(!m_service->isGenerating(id));

    const Album album = stored(id);
    const QString expected = FakeLlm::describe(DescriptionPrompt::messages(album)).trimmed();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(album.aiDescription, expected);
    QCOMPARE(album.aiModel, m_fake->model());
    QVERIFY(album.aiGeneratedAt.isValid());
    QVERIFY2(album.aiGeneratedAt >= wholeSecond(before) && album.aiGeneratedAt <= after,
             qPrintable(describeTime(album.aiGeneratedAt, before, after)));
    QVERIFY(!album.aiEdited);
    QCOMPARE(m_store->countWithoutDescription(), 0);
    QVERIFY(m_store->albumIdsWithoutDescription(0, 10).isEmpty());
}

void TestDescriptions::modelChosenAutomatically()
{
    const QString model = QStringLiteral("qwen2.5:7b-instruct");
    startFake({.model = model});
    const QList<qint64> ids = seed(albumsWithTracks(2));
    QCOMPARE(ids.size(), 2);
    connectTo(m_fake->apiUrl());
    // No setModel(): Preferences > AI names none.

    const Outcome first = generate(ids.at(0));
    QVERIFY2(first.finished && first.ok, qPrintable(first.message));
    QCOMPARE(m_fake->lastRequest().value(QStringLiteral("model")).toString(), model);
    QCOMPARE(stored(ids.at(0)).aiModel, model);
    QCOMPARE(m_fake->server().requestPaths().value(0), QByteArray("/v1/models"));

    // The model is looked up once, not for every album.
    const Outcome second = generate(ids.at(1));
    QVERIFY2(second.finished && second.ok, qPrintable(second.message));
    QCOMPARE(stored(ids.at(1)).aiModel, model);
    QCOMPARE(m_fake->server().requestPaths().count(QByteArray("/v1/models")), 1);
    QCOMPARE(chatRequests(), 2);
}

void TestDescriptions::rightApiKeyIsSent()
{
    const QString key = QStringLiteral("sk-local-0123456789");
    startFake({.apiKey = key});
    const QList<qint64> ids = seed({wildIsTheWind()});
    QCOMPARE(ids.size(), 1);
    connectTo(m_fake->apiUrl(), key);
    m_service->setModel(m_fake->model());

    const Outcome end = generate(ids.first());
    QVERIFY2(end.finished && end.ok, qPrintable(end.message));
    QCOMPARE(m_fake->server().lastHeader("Authorization"), QByteArray("Bearer ") + key.toUtf8());
    QVERIFY(!stored(ids.first()).aiDescription.isEmpty());
}

void TestDescriptions::editedTextPreservedAndRegenerate()
{
    const QList<qint64> ids = seed({wildIsTheWind()});
    QCOMPARE(ids.size(), 1);
    const qint64 id = ids.first();
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());

    const Outcome generated = generate(id);
    QVERIFY2(generated.finished && generated.ok, qPrintable(generated.message));
    const Album original = stored(id);
    QVERIFY(!original.aiDescription.isEmpty());
    QCOMPARE(original.aiModel, m_fake->model());

    // The person's words are kept, marked edited; the model that wrote the first text stays.
    const QString words = QStringLiteral("Her darkest and most intimate record.");
    const Outcome edited = await(id, [this, id, &words] {
        m_service->saveEdited(id, QStringLiteral("  ") + words + QStringLiteral("\n"));
    });
    QVERIFY2(edited.finished && edited.ok, qPrintable(edited.message));
    QCOMPARE(edited.changed, 1);
    const Album afterEdit = stored(id);
    QCOMPARE(afterEdit.aiDescription, words);
    QVERIFY(afterEdit.aiEdited);
    QCOMPARE(afterEdit.aiModel, original.aiModel);
    QVERIFY(afterEdit.aiGeneratedAt.isValid());
    QCOMPARE(m_fake->completionsServed(), 1); // saving an edit asks the model nothing

    // A model's answer that was not asked to replace the edit (a job, or an answer to a request
    // sent before the edit) leaves the person's words alone.
    const Outcome unconfirmed = generate(id);
    QVERIFY2(unconfirmed.finished && unconfirmed.ok, qPrintable(unconfirmed.message));
    QCOMPARE(stored(id).aiDescription, words);
    QVERIFY(stored(id).aiEdited);
    QCOMPARE(m_fake->completionsServed(), 2);

    // Regenerating, confirmed (the UI asks first), replaces the edit with the model's text.
    const Outcome again
        = await(id, [this, id] { m_service->generate(id, /*replaceEdited=*/true); });
    QVERIFY2(again.finished && again.ok, qPrintable(again.message));
    const Album regenerated = stored(id);
    QCOMPARE(regenerated.aiDescription, original.aiDescription);
    QVERIFY(!regenerated.aiEdited);
    QCOMPARE(regenerated.aiModel, m_fake->model());
    QCOMPARE(m_fake->completionsServed(), 3);

    // An edit to nothing clears the description.
    const Outcome cleared
        = await(id, [this, id] { m_service->saveEdited(id, QStringLiteral(" ")); });
    QVERIFY2(cleared.finished && cleared.ok, qPrintable(cleared.message));
    QVERIFY(stored(id).aiDescription.isEmpty());
    QCOMPARE(m_store->countWithoutDescription(), 1);
}

void TestDescriptions::failuresStoreNothing_data()
{
    QTest::addColumn<FailureCase>("failure");

    const QString plainModel = QStringLiteral("local-model");
    const QString key = QStringLiteral("sk-local-0123456789");
    const QString stop = QStringLiteral("stop");

    QTest::newRow("unreachable endpoint")
        << FailureCase {.endpoint = Endpoint::Nobody, .phrase = QStringLiteral("ollama serve")};
    QTest::newRow("unreachable endpoint, model not chosen") << FailureCase {
        .endpoint = Endpoint::Nobody, .model = QString(), .phrase = QStringLiteral("ollama serve")};
    QTest::newRow("unknown model") << FailureCase {.model = QStringLiteral("no-such-model"),
                                                   .phrase = QStringLiteral("Preferences > AI")};
    QTest::newRow("401: no key sent")
        << FailureCase {.fakeKey = key, .phrase = QStringLiteral("API key")};
    QTest::newRow("401: wrong key") << FailureCase {.fakeKey = key,
                                                    .clientKey = QStringLiteral("sk-not-the-key"),
                                                    .phrase = QStringLiteral("API key")};
    QTest::newRow("no answer in time")
        << FailureCase {.latencyMs = 3000,
                        .timeoutMs = QByteArray("1000"),
                        .phrase = QStringLiteral("no answer within")};
    QTest::newRow("500 after the retry")
        << FailureCase {.fault = Fault::Status500, .phrase = QStringLiteral("HTTP 500")};
    QTest::newRow("malformed JSON")
        << FailureCase {.fault = Fault::MalformedJson, .phrase = QStringLiteral("invalid JSON")};
    QTest::newRow("empty answer") << FailureCase {.endpoint = Endpoint::Plain,
                                                  .model = plainModel,
                                                  .plainBody = plainAnswer(QString(), stop),
                                                  .phrase = QStringLiteral("empty")};
    QTest::newRow("whitespace answer")
        << FailureCase {.endpoint = Endpoint::Plain,
                        .model = plainModel,
                        .plainBody = plainAnswer(QStringLiteral(" \n\n "), stop),
                        .phrase = QStringLiteral("empty")};
    QTest::newRow("refused answer") << FailureCase {
        .endpoint = Endpoint::Plain,
        .model = plainModel,
        .plainBody = plainAnswer(QJsonValue::Null, stop, QStringLiteral("I can't help with that")),
        .phrase = QStringLiteral("declined")};
    QTest::newRow("cut off before a sentence ended")
        << FailureCase {.endpoint = Endpoint::Plain,
                        .model = plainModel,
                        .plainBody = plainAnswer(QStringLiteral("A record whose songs drift"),
                                                 QStringLiteral("length")),
                        .phrase = QStringLiteral("cut off")};
    QTest::newRow("content filter")
        << FailureCase {.endpoint = Endpoint::Plain,
                        .model = plainModel,
                        .plainBody = plainAnswer(QString(), QStringLiteral("content_filter")),
                        .phrase = QStringLiteral("content filter")};
}

void TestDescriptions::failuresStoreNothing()
{
    QFETCH(FailureCase, failure);

    QUrl baseUrl;
    switch (failure.endpoint) {
    case Endpoint::Fake:
        if (!failure.fakeKey.isEmpty())
            startFake({.apiKey = failure.fakeKey});
        if (failure.fault) // enough for both albums and the gate's retry of each
            m_fake->server().failNext(*failure.fault, 10);
        m_fake->server().setLatency(std::chrono::milliseconds(failure.latencyMs));
        baseUrl = m_fake->apiUrl();
        break;
    case Endpoint::Nobody:
        baseUrl = deadApiUrl();
        QVERIFY(baseUrl.isValid());
        break;
    case Endpoint::Plain: {
        m_plain = std::make_unique<FakeServer>();
        const QByteArray body = failure.plainBody;
        m_plain->setHandler([body](const QHttpServerRequest &) {
            FakeResponse response;
            response.body = body;
            return response;
        });
        QVERIFY(m_plain->listen());
        baseUrl = apiUrlOf(*m_plain);
        break;
    }
    }
    if (!failure.timeoutMs.isEmpty())
        qputenv(timeoutVariable.toLatin1().constData(), failure.timeoutMs);
    connectTo(baseUrl, failure.clientKey);
    if (!failure.model.isEmpty())
        m_service->setModel(failure.model);

    // One album without a description, one with an earlier one (a regenerate that fails).
    const QList<qint64> ids = seed(albumsWithTracks(2));
    QCOMPARE(ids.size(), 2);
    AlbumDescription earlier;
    earlier.albumId = ids.at(1);
    earlier.text = QStringLiteral("Written earlier, and kept.");
    earlier.model = QStringLiteral("earlier-model");
    earlier.writtenAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    QCOMPARE(m_store->saveDescriptions({earlier}, nullptr), QString());
    const Album describedBefore = stored(ids.at(1));
    QCOMPARE(describedBefore.aiDescription, earlier.text);

    QSignalSpy finished(m_service.get(), &DescriptionService::finished);
    QSignalSpy changed(m_service.get(), &DescriptionService::descriptionChanged);
    m_service->generate(ids.at(0));
    m_service->generate(ids.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, waitMs);
    for (const QList<QVariant> &arguments : std::as_const(finished)) {
        const QString message = arguments.at(2).toString();
        QVERIFY2(!arguments.at(1).toBool(), qPrintable(message));
        QVERIFY2(message.contains(failure.phrase), qPrintable(message));
    }
    QCOMPARE(changed.size(), 0);
    QVERIFY(!m_service->isGenerating(ids.at(0)));
    QVERIFY(!m_service->isGenerating(ids.at(1)));

    // Nothing stored: the first album still has no description, the second its earlier one.
    const Album first = stored(ids.at(0));
    QCOMPARE(first.id, ids.at(0));
    QVERIFY2(first.aiDescription.isEmpty(), qPrintable(first.aiDescription));
    QVERIFY(first.aiModel.isEmpty());
    QVERIFY(!first.aiGeneratedAt.isValid());
    QVERIFY(!first.aiEdited);
    const Album second = stored(ids.at(1));
    QCOMPARE(second.aiDescription, describedBefore.aiDescription);
    QCOMPARE(second.aiModel, describedBefore.aiModel);
    QCOMPARE(second.aiGeneratedAt, describedBefore.aiGeneratedAt);
    QCOMPARE(second.aiEdited, describedBefore.aiEdited);
    QCOMPARE(m_store->countWithoutDescription(), 1);
}

void TestDescriptions::rateLimitedThenAnswered()
{
    const QList<qint64> ids = seed({wildIsTheWind()});
    QCOMPARE(ids.size(), 1);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());
    m_fake->server().failNext(Fault::Status429, 1, 1);

    const Outcome end = generate(ids.first());
    QVERIFY2(end.finished && end.ok, qPrintable(end.message));
    const Album album = stored(ids.first());
    QCOMPARE(album.aiDescription, FakeLlm::describe(DescriptionPrompt::messages(album)).trimmed());
    QCOMPARE(chatRequests(), 2);
    QCOMPARE(m_fake->completionsServed(), 1);
    // The second try waited for Retry-After: 1.
    const QList<qint64> arrivals = m_fake->server().arrivals();
    QCOMPARE(arrivals.size(), 2);
    QVERIFY2(arrivals.at(1) - arrivals.at(0) >= 900,
             qPrintable(QString::number(arrivals.at(1) - arrivals.at(0))));
}

void TestDescriptions::oneUnusableAnswerIsSkipped()
{
    const QList<Album> albums = albumsWithTracks(25);
    const QList<qint64> ids = seed(albums);
    QCOMPARE(ids.size(), 25);
    // One album's request always fails on the server (a 5xx is the request's own trouble, not
    // the endpoint's): that album is skipped and counted, the others are described.
    const QByteArray poisoned = albums.at(7).title.toUtf8();
    m_fake->server().failWhen(
        [poisoned](const QHttpServerRequest &request) { return request.body().contains(poisoned); },
        Fault::Status500, 100);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());
    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(describeSource, {});
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, jobWaitMs);
    const auto end = ended.at(0).at(0).value<ImportJobRecord>();
    QVERIFY2(end.state == JobState::Completed, qPrintable(end.error));
    QVERIFY2(end.error.contains(QStringLiteral("1 album")), qPrintable(end.error));
    QCOMPARE(m_store->countWithoutDescription(), 1);
    QVERIFY(stored(ids.at(7)).aiDescription.isEmpty());
    QVERIFY(!stored(ids.at(8)).aiDescription.isEmpty());
}

void TestDescriptions::batchWithoutAnyUsableAnswerStopsTheJob()
{
    const QList<qint64> ids = seed(albumsWithTracks(25));
    QCOMPARE(ids.size(), 25);
    m_fake->server().failWhen(
        [](const QHttpServerRequest &request) {
            return request.url().path().endsWith(QStringLiteral("/chat/completions"));
        },
        Fault::Status500, 1000);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());
    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(describeSource, {});
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, jobWaitMs);
    const auto end = ended.at(0).at(0).value<ImportJobRecord>();
    QCOMPARE(end.state, JobState::Failed);
    QVERIFY2(end.error.contains(QStringLiteral("No album of a batch")), qPrintable(end.error));
    // Stopped after the first batch rather than failing all 25 one by one.
    QVERIFY2(m_fake->server().requestCount() <= 2 * DescribeAlbumsJob::batchSize,
             qPrintable(QString::number(m_fake->server().requestCount())));
    QCOMPARE(m_store->countWithoutDescription(), 25);
}

void TestDescriptions::describeJob200()
{
    constexpr int albumCount = 200;
    // Strict, as a local server with two slots would be: a third request at once is refused.
    m_fake->server().setLatency(20ms);
    m_fake->server().setMaxInFlight(2);
    const QList<qint64> ids = seed(albumsWithTracks(albumCount));
    QCOMPARE(ids.size(), albumCount);
    QCOMPARE(m_store->countWithoutDescription(), albumCount);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());

    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(describeSource, {});
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, jobWaitMs);
    const auto end = ended.at(0).at(0).value<ImportJobRecord>();
    QVERIFY2(end.state == JobState::Completed, qPrintable(end.error));
    QCOMPARE(end.source, describeSource);
    QCOMPARE(end.done, albumCount);

    QCOMPARE(m_store->countWithoutDescription(), 0);
    int described = 0;
    QString wrong;
    QVERIFY(m_store->forEachAlbum([&](const Album &album) {
        if (album.aiDescription != FakeLlm::describe(DescriptionPrompt::messages(album)).trimmed()
            || album.aiModel != m_fake->model() || album.aiEdited
            || !album.aiGeneratedAt.isValid()) {
            wrong = album.title + QStringLiteral(": ") + album.aiDescription;
            return false;
        }
        ++described;
        return true;
    }));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(described, albumCount);

    // Each album asked once, one at a time: of the endpoint's two places the job leaves one to a
    // person's Generate (issue 16).
    QCOMPARE(m_fake->completionsServed(), albumCount);
    QCOMPARE(m_fake->server().limitedCount(), 0);
    QCOMPARE(m_fake->server().maxInFlightSeen(), 1);
}

void TestDescriptions::generateDuringADescribeJobGoesFirst()
{
    // Slow answers and a long job: the person's Generate must not wait behind its queue.
    constexpr int albumCount = 40;
    m_fake->server().setLatency(300ms);
    m_fake->server().setMaxInFlight(2);
    const QList<qint64> ids = seed(albumsWithTracks(albumCount));
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());
    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    const QJsonArray chosen = [&ids] {
        QJsonArray array;
        for (int i = 0; i < albumCount - 1; ++i)
            array.append(ids.at(i));
        return array;
    }();
    imports.startImport(describeSource, {{QStringLiteral("albums"), chosen}});
    QTRY_VERIFY(m_fake->completionsServed() >= 2);

    QSignalSpy written(m_service.get(), &DescriptionService::finished);
    QElapsedTimer waited;
    waited.start();
    m_service->generate(ids.last(), false);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    QCOMPARE(written.first().at(0).toLongLong(), ids.last());
    QVERIFY(written.first().at(1).toBool());
    // About one answer's time (300 ms): behind the job's batch it would wait four or five.
    QVERIFY2(waited.elapsed() < 1000, qPrintable(QString::number(waited.elapsed())));
    QVERIFY(ended.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, jobWaitMs);
    QCOMPARE(ended.first().first().value<ImportJobRecord>().state, JobState::Completed);
}

void TestDescriptions::cancelAndResume()
{
    constexpr int albumCount = 60;
    m_fake->server().setLatency(100ms);
    countChatRequests();
    const QList<qint64> ids = seed(albumsWithTracks(albumCount));
    QCOMPARE(ids.size(), albumCount);
    connectTo(m_fake->apiUrl());
    m_service->setModel(m_fake->model());

    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    imports.startImport(describeSource, {});

    // Cancelled once its first batch is stored.
    const auto someDescribed = [this] {
        const int left = m_store->countWithoutDescription();
        return left >= 0 && left < albumCount;
    };
    QTRY_VERIFY_WITH_TIMEOUT(someDescribed(), jobWaitMs);
    QCOMPARE(imports.jobs().size(), 1);
    const qint64 jobId = imports.jobs().first().id;
    imports.cancel(jobId);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, waitMs);
    const auto cancelled = ended.at(0).at(0).value<ImportJobRecord>();
    QCOMPARE(cancelled.id, jobId);
    QVERIFY2(cancelled.state == JobState::Cancelled,
             qPrintable(ImportJobRecord::stateName(cancelled.state)));

    QHash<qint64, Album> before;
    QVERIFY(m_store->forEachAlbum([&before](const Album &album) {
        if (!album.aiDescription.isEmpty())
            before.insert(album.id, album);
        return true;
    }));
    QVERIFY(!before.isEmpty());
    QVERIFY2(before.size() < albumCount, "the job was not stopped");
    // Batches are stored whole, with the cursor.
    QCOMPARE(int(before.size()) % DescribeAlbumsJob::batchSize, 0);
    QCOMPARE(cancelled.done, int(before.size()));

    imports.retry(jobId);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, jobWaitMs);
    const auto resumed = ended.at(1).at(0).value<ImportJobRecord>();
    QCOMPARE(resumed.id, jobId);
    QVERIFY2(resumed.state == JobState::Completed, qPrintable(resumed.error));
    QCOMPARE(resumed.done, albumCount);
    QCOMPARE(m_store->countWithoutDescription(), 0);

    // What was stored before the cancel is untouched and was never asked for again.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const Album after = stored(it.key());
        QCOMPARE(after.aiDescription, it->aiDescription);
        QCOMPARE(after.aiModel, it->aiModel);
        QCOMPARE(after.aiGeneratedAt, it->aiGeneratedAt);
        QCOMPARE(asksFor(it.key()), 1);
    }
    // Only albums of the batch cut short by the cancel are asked twice.
    int asked = 0;
    for (const qint64 id : ids) {
        const int asks = asksFor(id);
        QVERIFY2(asks == 1 || asks == 2,
                 qPrintable(QStringLiteral("album %1 asked %2 times").arg(id).arg(asks)));
        asked += asks;
    }
    QCOMPARE(asked, m_fake->completionsServed());
    QVERIFY2(m_fake->completionsServed() <= albumCount + DescribeAlbumsJob::batchSize,
             qPrintable(QString::number(m_fake->completionsServed())));
}

void TestDescriptions::chosenAlbumsOnly()
{
    countChatRequests();
    const QList<qint64> ids = seed(albumsWithTracks(5));
    QCOMPARE(ids.size(), 5);
    AlbumDescription earlier;
    earlier.albumId = ids.at(2);
    earlier.text = QStringLiteral("Described before the job.");
    earlier.model = QStringLiteral("earlier-model");
    earlier.writtenAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    QCOMPARE(m_store->saveDescriptions({earlier}, nullptr), QString());
    const Album describedBefore = stored(ids.at(2));
    // No setModel(): the job looks the model up once, before its first batch.
    connectTo(m_fake->apiUrl());

    ImportManager imports(m_store.get(), m_pool.get(), nullptr, nullptr);
    imports.setDescriptionService(m_service.get());
    QSignalSpy ended(&imports, &ImportManager::jobFinished);
    const QJsonObject params {{QStringLiteral("albums"), QJsonArray {ids.at(0), ids.at(2)}}};
    imports.startImport(describeSource, params);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, jobWaitMs);
    const auto end = ended.at(0).at(0).value<ImportJobRecord>();
    QVERIFY2(end.state == JobState::Completed, qPrintable(end.error));
    QCOMPARE(end.source, describeSource);

    const Album chosen = stored(ids.at(0));
    QCOMPARE(chosen.aiDescription,
             FakeLlm::describe(DescriptionPrompt::messages(chosen)).trimmed());
    QCOMPARE(chosen.aiModel, m_fake->model());
    // The chosen album described already is not asked for again.
    const Album kept = stored(ids.at(2));
    QCOMPARE(kept.aiDescription, describedBefore.aiDescription);
    QCOMPARE(kept.aiModel, describedBefore.aiModel);
    QCOMPARE(kept.aiGeneratedAt, describedBefore.aiGeneratedAt);
    QCOMPARE(asksFor(ids.at(2)), 0);
    QCOMPARE(asksFor(ids.at(0)), 1);
    QCOMPARE(m_fake->completionsServed(), 1);
    // The others are left alone.
    for (const int other : {1, 3, 4})
        QVERIFY2(stored(ids.at(other)).aiDescription.isEmpty(), qPrintable(QString::number(other)));
    QCOMPARE(m_store->countWithoutDescription(), 3);

    // The same choice again: both are described, nothing is asked.
    imports.startImport(describeSource, params);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, jobWaitMs);
    const auto again = ended.at(1).at(0).value<ImportJobRecord>();
    QVERIFY2(again.state == JobState::Completed, qPrintable(again.error));
    QCOMPARE(m_fake->completionsServed(), 1);
    QCOMPARE(stored(ids.at(0)).aiDescription, chosen.aiDescription);
}

QTEST_GUILESS_MAIN(TestDescriptions)
#include "tst_descriptions.moc"
