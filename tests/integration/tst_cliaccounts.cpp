#include "credentials/keychainbackend.h"
#include "fakediscogs.h"
#include "fakespotify.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// aime-cli login and logout against the fake Spotify and Discogs, with the real keychain: this
// test runs inside tests/integration/with-secret-service (a private session bus, an unlocked
// gnome-keyring-daemon and a throwaway HOME). The test plays the person's browser.
class TestCliAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void spotifyLoginKeepsTheRefreshTokenInTheKeychain();
    void spotifyLoginWithoutClientIdIsAUsageError();
    void withoutAKeychainTheLoginSaysWhatToDo();
    void printedRefreshTokenWorksWithoutAKeychain();
    void discogsLoginVerifiesTheToken_data();
    void discogsLoginVerifiesTheToken();

private:
    QProcess *startCli(const QStringList &arguments,
                       const QList<std::pair<QString, QString>> &extra = {});
    // Plays the browser: the fake approves the address the login printed and lands on its
    // listener.
    void approveInBrowser(QProcess *login);
    bool waitFor(QProcess *process);
    SecretResult readSecret(const QString &key);
    // Every file AIME or Qt wrote under HOME that is not the keyring's own.
    QByteArray filesUnderHome() const;

    QString m_cli;
    std::unique_ptr<fakes::FakeSpotify> m_spotify;
    std::unique_ptr<fakes::FakeDiscogs> m_discogs;
    std::unique_ptr<QNetworkAccessManager> m_browser;
};

void TestCliAccounts::initTestCase()
{
    m_cli = qEnvironmentVariable("AIME_CLI");
    QVERIFY2(QFile::exists(m_cli), "AIME_CLI must name the built aime-cli");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run under tests/integration/with-secret-service");
}

void TestCliAccounts::init()
{
    m_spotify = std::make_unique<fakes::FakeSpotify>();
    QVERIFY(m_spotify->listen());
    m_discogs = std::make_unique<fakes::FakeDiscogs>();
    QVERIFY(m_discogs->listen());
    m_browser = std::make_unique<QNetworkAccessManager>();
}

void TestCliAccounts::cleanup()
{
    m_browser.reset();
    m_discogs.reset();
    m_spotify.reset();
}

QProcess *TestCliAccounts::startCli(const QStringList &arguments,
                                    const QList<std::pair<QString, QString>> &extra)
{
    auto *process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : extra)
        environment.insert(name, value);
    environment.insert(QStringLiteral("AIME_SPOTIFY_API_URL"), m_spotify->apiUrl().toString());
    environment.insert(QStringLiteral("AIME_SPOTIFY_ACCOUNTS_URL"),
                       m_spotify->accountsUrl().toString());
    environment.insert(QStringLiteral("AIME_DISCOGS_API_URL"), m_discogs->baseUrl().toString());
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process->setProcessEnvironment(environment);
    process->start(m_cli, arguments);
    return process;
}

bool TestCliAccounts::waitFor(QProcess *process)
{
    // The fakes answer from this event loop, so the wait must keep it running.
    return QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 60000);
}

SecretResult TestCliAccounts::readSecret(const QString &key)
{
    KeychainBackend keychain(QStringLiteral("AIME"));
    SecretResult answer;
    bool called = false;
    keychain.read(key, [&](const SecretResult &result) {
        answer = result;
        called = true;
    });
    if (!QTest::qWaitFor([&called] { return called; }, 20000))
        return {SecretResult::Status::Failed, {}, QStringLiteral("the keychain did not answer")};
    return answer;
}

QByteArray TestCliAccounts::filesUnderHome() const
{
    QByteArray all;
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/keyrings/")))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void TestCliAccounts::approveInBrowser(QProcess *login)
{
    QTRY_VERIFY_WITH_TIMEOUT(login->canReadLine(), 20000);
    const QUrl authorize(QString::fromUtf8(login->readLine().trimmed()));
    QCOMPARE(authorize.path(), QStringLiteral("/authorize"));

    // The browser: the fake approves at once and redirects to AIME's listener.
    QNetworkRequest request(authorize);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *approved = m_browser->get(request);
    QTRY_VERIFY(approved->isFinished());
    const QUrl callback = approved->header(QNetworkRequest::LocationHeader).toUrl();
    QCOMPARE(callback.host(), QStringLiteral("127.0.0.1"));
    QNetworkReply *landed = m_browser->get(QNetworkRequest(callback));
    QTRY_VERIFY(landed->isFinished());
    QCOMPARE(landed->error(), QNetworkReply::NoError);
}

void TestCliAccounts::spotifyLoginKeepsTheRefreshTokenInTheKeychain()
{
    QProcess *login = startCli({QStringLiteral("login"), QStringLiteral("spotify"),
                                QStringLiteral("--client-id"), m_spotify->clientId(),
                                QStringLiteral("--no-browser")});
    approveInBrowser(login);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(waitFor(login));
    const QByteArray out = login->readAll();
    const QByteArray err = login->readAllStandardError();
    QVERIFY2(login->exitCode() == 0, err.constData());
    QVERIFY2(out.contains("Connected to Spotify as Fake Collector"), out.constData());

    const SecretResult kept = readSecret(QStringLiteral("spotify/refresh-token"));
    QCOMPARE(kept.status, SecretResult::Status::Ok);
    QVERIFY(kept.secret.size() >= 16);
    // The token is only in the keychain: not printed, not logged, not in the settings.
    QVERIFY(!out.contains(kept.secret.toUtf8()));
    QVERIFY(!err.contains(kept.secret.toUtf8()));
    const QByteArray files = filesUnderHome();
    QVERIFY(files.contains(m_spotify->clientId().toUtf8())); // the settings are there ...
    QVERIFY(!files.contains(kept.secret.toUtf8())); // ... the token is not

    QProcess *logout = startCli({QStringLiteral("logout"), QStringLiteral("spotify")});
    QVERIFY(waitFor(logout));
    QCOMPARE(logout->exitCode(), 0);
    QCOMPARE(readSecret(QStringLiteral("spotify/refresh-token")).status,
             SecretResult::Status::NotFound);
}

void TestCliAccounts::withoutAKeychainTheLoginSaysWhatToDo()
{
    // A session bus that is not there: no Secret Service can answer.
    QProcess *login = startCli({QStringLiteral("login"), QStringLiteral("spotify"),
                                QStringLiteral("--client-id"), m_spotify->clientId(),
                                QStringLiteral("--no-browser")},
                               {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                 QStringLiteral("unix:path=/nonexistent/aime-test-bus")}});
    approveInBrowser(login);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(waitFor(login));
    const QByteArray err = login->readAllStandardError();
    QCOMPARE(login->exitCode(), 2);
    for (const char *says :
         {"no keychain (Secret Service) is running", "GNOME Keyring", "KeePassXC", "AIME's window",
          "--print-refresh-token", "AIME_SPOTIFY_REFRESH_TOKEN"})
        QVERIFY2(err.contains(says), err.constData());
    QVERIFY(!err.contains("Unknown error"));
}

void TestCliAccounts::printedRefreshTokenWorksWithoutAKeychain()
{
    QProcess *login
        = startCli({QStringLiteral("login"), QStringLiteral("spotify"),
                    QStringLiteral("--client-id"), m_spotify->clientId(),
                    QStringLiteral("--no-browser"), QStringLiteral("--print-refresh-token")});
    approveInBrowser(login);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(waitFor(login));
    const QByteArray out = login->readAll();
    const QByteArray err = login->readAllStandardError();
    QVERIFY2(login->exitCode() == 0, err.constData());
    QRegularExpression line(QStringLiteral("^AIME_SPOTIFY_REFRESH_TOKEN=(\\S{16,})$"),
                            QRegularExpression::MultilineOption);
    const QRegularExpressionMatch printed = line.match(QString::fromUtf8(out));
    QVERIFY2(printed.hasMatch(), out.constData());
    const QString token = printed.captured(1);
    // Printed once, kept nowhere.
    QCOMPARE(readSecret(QStringLiteral("spotify/refresh-token")).status,
             SecretResult::Status::NotFound);
    QVERIFY(!filesUnderHome().contains(token.toUtf8()));

    // Given back through the environment, it imports the saved albums, with no keychain at all.
    QTemporaryDir data;
    QProcess *import
        = startCli({QStringLiteral("--data-dir"), data.path(), QStringLiteral("import"),
                    QStringLiteral("--source"), QStringLiteral("spotify")},
                   {{QStringLiteral("AIME_SPOTIFY_REFRESH_TOKEN"), token},
                    {QStringLiteral("AIME_SPOTIFY_CLIENT_ID"), m_spotify->clientId()},
                    {QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                     QStringLiteral("unix:path=/nonexistent/aime-test-bus")}});
    QVERIFY(waitFor(import));
    const QByteArray importErr = import->readAllStandardError();
    QVERIFY2(import->exitCode() == 0, importErr.constData());
    QProcess *list = startCli({QStringLiteral("--data-dir"), data.path(), QStringLiteral("list"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(waitFor(list));
    QCOMPARE(list->exitCode(), 0);
    QVERIFY(QJsonDocument::fromJson(list->readAll()).array().size() > 0);
}

void TestCliAccounts::spotifyLoginWithoutClientIdIsAUsageError()
{
    // Settings may hold one from the previous test; a fresh config folder has none.
    QProcess *login = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       QDir::homePath() + QStringLiteral("/empty-config"));
    environment.remove(QStringLiteral("AIME_SPOTIFY_CLIENT_ID"));
    login->setProcessEnvironment(environment);
    login->start(m_cli, {QStringLiteral("login"), QStringLiteral("spotify")});
    QVERIFY(waitFor(login));
    QCOMPARE(login->exitCode(), 2);
    QVERIFY(login->readAllStandardError().contains("Client ID"));
}

void TestCliAccounts::discogsLoginVerifiesTheToken_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("rightToken");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("right user and token")
        << "collector" << true << 0 << QByteArray("Connected to Discogs as collector");
    QTest::newRow("token of another user")
        << "someone-else" << true << 2 << QByteArray("belongs to");
    QTest::newRow("refused token") << "collector" << false << 2 << QByteArray("did not accept");
}

void TestCliAccounts::discogsLoginVerifiesTheToken()
{
    QFETCH(QString, user);
    QFETCH(bool, rightToken);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QProcess *logout = startCli({QStringLiteral("logout"), QStringLiteral("discogs")});
    QVERIFY(waitFor(logout));

    const QByteArray token = rightToken ? m_discogs->token().toUtf8() : QByteArray("wrong-token");
    QProcess *login = startCli(
        {QStringLiteral("login"), QStringLiteral("discogs"), QStringLiteral("--user"), user});
    login->write(token + '\n');
    login->closeWriteChannel();
    QVERIFY(waitFor(login));
    const QByteArray output = login->readAllStandardOutput() + login->readAllStandardError();
    QVERIFY2(login->exitCode() == exitCode, output.constData());
    QVERIFY2(output.contains(message), output.constData());
    QVERIFY(!output.contains(token));

    const SecretResult kept = readSecret(QStringLiteral("discogs/token"));
    if (exitCode == 0) {
        QCOMPARE(kept.status, SecretResult::Status::Ok);
        QCOMPARE(kept.secret.toUtf8(), token);
        QVERIFY(!filesUnderHome().contains(token));
    } else {
        QCOMPARE(kept.status, SecretResult::Status::NotFound);
    }
}

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cliaccounts.moc"
