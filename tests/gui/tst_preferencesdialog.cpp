#include "ai/aisettings.h"
#include "ai/descriptionservice.h"
#include "aimeapplication.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "fakellm.h"
#include "fakespotify.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "providers/discogsclient.h"
#include "search/searchsettings.h"
#include "store/albumstore.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// Preferences > Accounts as a person uses it, on AIME as main() builds it, with the fake
// Discogs and a stand-in keychain.
class TestPreferencesDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void discogsVerifyConnectsAndDisconnects();
    void wrongDiscogsTokenSaysWhy();
    void spotifyConnectNeedsAClientId();
    void advancedRefusesPlainHttpToAnotherHost();
    void searchOrderAndWaitingTimesAreKept();
    void aiModelsAreListedAndTheKeyIsKept();
    void spotifyConnectsThroughTheBrowser();
    void spotifyClientSecretIsKeptAndForgotten();

public slots:
    // Stands in for the system browser (QDesktopServices::setUrlHandler).
    void openInBrowser(const QUrl &url) { m_opened.append(url); }

private:
    PreferencesDialog *openPreferences();

    std::unique_ptr<fakes::FakeDiscogs> m_discogs;
    std::unique_ptr<fakes::FakeSpotify> m_spotify;
    QList<QUrl> m_opened;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<fakes::FakeLlm> m_llm;
    std::unique_ptr<AimeApplication> m_app;
};

void TestPreferencesDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPreferencesDialog::init()
{
    QSettings().clear();
    m_discogs = std::make_unique<fakes::FakeDiscogs>();
    QVERIFY(m_discogs->listen());
    qputenv("AIME_DISCOGS_API_URL", m_discogs->baseUrl().toString().toUtf8());
    m_spotify = std::make_unique<fakes::FakeSpotify>();
    QVERIFY(m_spotify->listen());
    qputenv("AIME_SPOTIFY_API_URL", m_spotify->apiUrl().toString().toUtf8());
    qputenv("AIME_SPOTIFY_ACCOUNTS_URL", m_spotify->accountsUrl().toString().toUtf8());
    fakes::FakeLlmOptions llmOptions;
    llmOptions.apiKey = QStringLiteral("sk-test-key");
    m_llm = std::make_unique<fakes::FakeLlm>(llmOptions);
    QVERIFY(m_llm->listen());
    qputenv("AIME_LLM_URL", m_llm->apiUrl().toString().toUtf8());
    m_opened.clear();
    QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openInBrowser");
    m_dir = std::make_unique<QTemporaryDir>();
    m_app = std::make_unique<AimeApplication>(m_dir->path(), new MemorySecretBackend);
    m_app->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_VERIFY(m_app->accounts()->isRestored());
}

void TestPreferencesDialog::cleanup()
{
    m_app.reset();
    m_dir.reset();
    m_discogs.reset();
    m_spotify.reset();
    m_llm.reset();
    qunsetenv("AIME_LLM_URL");
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    qunsetenv("AIME_DISCOGS_API_URL");
    qunsetenv("AIME_SPOTIFY_API_URL");
    qunsetenv("AIME_SPOTIFY_ACCOUNTS_URL");
    QSettings().clear();
}

PreferencesDialog *TestPreferencesDialog::openPreferences()
{
    auto *action = m_app->mainWindow()->findChild<QAction *>(QStringLiteral("preferencesAction"));
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    PreferencesDialog *dialog = m_app->mainWindow()->preferencesDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestPreferencesDialog::discogsVerifyConnectsAndDisconnects()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    QCOMPARE(dialog->discogsStateLabel()->text(), QStringLiteral("Not connected"));

    QTest::keyClicks(dialog->discogsUserEdit(), m_discogs->username());
    QTest::keyClicks(dialog->discogsTokenEdit(), m_discogs->token());
    QCOMPARE(dialog->discogsTokenEdit()->echoMode(), QLineEdit::Password);
    QTest::mouseClick(dialog->discogsVerifyButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->discogsStateLabel()->text(),
                 QStringLiteral("Connected as %1").arg(m_discogs->username()));
    QVERIFY(m_app->discogs()->hasToken());
    // The dialog does not hold on to the token once it is in the keychain.
    QVERIFY(dialog->discogsTokenEdit()->text().isEmpty());
    QCOMPARE(dialog->discogsVerifyButton()->text(), QStringLiteral("Dis&connect"));

    QTest::mouseClick(dialog->discogsVerifyButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->discogsStateLabel()->text(), QStringLiteral("Not connected"));
    QVERIFY(!m_app->discogs()->hasToken());
}

void TestPreferencesDialog::wrongDiscogsTokenSaysWhy()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->discogsUserEdit(), m_discogs->username());
    QTest::keyClicks(dialog->discogsTokenEdit(), QStringLiteral("not-the-token"));
    QTest::mouseClick(dialog->discogsVerifyButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->discogsStateLabel()->text().startsWith(QStringLiteral("Not verified")));
    QVERIFY2(dialog->discogsStateLabel()->text().contains(QStringLiteral("token")),
             qPrintable(dialog->discogsStateLabel()->text()));
    QVERIFY(m_app->accounts()->settings().discogsUser.isEmpty());
}

void TestPreferencesDialog::spotifyConnectNeedsAClientId()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    QCOMPARE(dialog->spotifyStateLabel()->text(), QStringLiteral("Not connected"));
    QVERIFY(!dialog->spotifyConnectButton()->isEnabled());
    QTest::keyClicks(dialog->spotifyClientIdEdit(), QStringLiteral("0123456789abcdef"));
    QVERIFY(dialog->spotifyConnectButton()->isEnabled());
}

void TestPreferencesDialog::advancedRefusesPlainHttpToAnotherHost()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    dialog->showAdvanced();
    QLineEdit *url = dialog->advancedEdit(QStringLiteral("AIME_MUSICBRAINZ_API_URL"));
    QVERIFY(url);
    url->setText(QStringLiteral("http://musicbrainz.example/ws/2"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->advancedProblemLabel()->isVisible());
    QVERIFY2(
        dialog->advancedProblemLabel()->text().contains(QStringLiteral("AIME_MUSICBRAINZ_API_URL")),
        qPrintable(dialog->advancedProblemLabel()->text()));
    QVERIFY(QSettings().value(QStringLiteral("advanced/AIME_MUSICBRAINZ_API_URL")).isNull());

    url->setText(QStringLiteral("http://127.0.0.1:5000/ws/2"));
    dialog->accept();
    QCOMPARE(QSettings().value(QStringLiteral("advanced/AIME_MUSICBRAINZ_API_URL")).toString(),
             QStringLiteral("http://127.0.0.1:5000/ws/2"));
}

void TestPreferencesDialog::searchOrderAndWaitingTimesAreKept()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    auto *order = dialog->findChild<QListWidget *>(QStringLiteral("searchProviderOrder"));
    QVERIFY(order);
    QCOMPARE(order->count(), 3);
    QCOMPARE(order->item(0)->data(Qt::UserRole).toString(), QStringLiteral("spotify"));
    // Discogs first: select it and move it up twice.
    order->setCurrentRow(1);
    auto *up = dialog->findChild<QPushButton *>(QStringLiteral("searchProviderUp"));
    QVERIFY(up);
    QTest::mouseClick(up, Qt::LeftButton);
    QTest::mouseClick(up, Qt::LeftButton); // already first: nothing moves
    QCOMPARE(order->item(0)->data(Qt::UserRole).toString(), QStringLiteral("discogs"));

    QLineEdit *wait = dialog->advancedEdit(QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS"));
    QVERIFY(wait);
    wait->setText(QStringLiteral("ten seconds"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->advancedProblemLabel()->text().contains(
                 QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS")),
             qPrintable(dialog->advancedProblemLabel()->text()));
    QCOMPARE(SearchSettings::providerOrder().first(), QStringLiteral("spotify"));

    wait->setText(QStringLiteral("4000"));
    dialog->accept();
    QCOMPARE(SearchSettings::providerOrder(),
             (QStringList {QStringLiteral("discogs"), QStringLiteral("spotify"),
                           QStringLiteral("musicbrainz")}));
    QCOMPARE(
        QSettings().value(QStringLiteral("advanced/AIME_SEARCH_PROVIDER_TIMEOUT_MS")).toString(),
        QStringLiteral("4000"));
}

void TestPreferencesDialog::aiModelsAreListedAndTheKeyIsKept()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    dialog->showAi();
    QVERIFY(dialog->aiModelBox()->isVisible());
    // The endpoint comes from the environment here; the field says so.
    QVERIFY(dialog->advancedEdit(QStringLiteral("AIME_LLM_URL"))
                ->placeholderText()
                .contains(QStringLiteral("environment")));
    QTest::mouseClick(dialog->aiRefreshButton(), Qt::LeftButton);
    QTRY_VERIFY2(dialog->aiStateLabel()->text().contains(QStringLiteral("1 model")),
                 qPrintable(dialog->aiStateLabel()->text()));
    QCOMPARE(dialog->aiModelBox()->count(), 1);
    QCOMPARE(dialog->aiModelBox()->currentText(), m_llm->model());
    QTest::keyClicks(dialog->aiApiKeyEdit(), QStringLiteral("sk-test-key"));
    dialog->accept();
    QVERIFY(!dialog->isVisible());

    // Kept: the model in the settings, the key in the keychain (never in the settings).
    QCOMPARE(AiSettings::model(), m_llm->model());
    QTRY_VERIFY(AiSettings::hasKeptApiKey());
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("sk-test-key")),
                 qPrintable(key));
    // And used at once: the endpoint, which checks the key, describes an album.
    QCOMPARE(m_app->descriptions()->model(), m_llm->model());
    Album album;
    album.title = QStringLiteral("Keyed");
    album.artist = QStringLiteral("The Testers");
    const UpsertResult stored = m_app->store()->upsertPage({album});
    QVERIFY(stored.ok());
    QSignalSpy finished(m_app->descriptions(), &DescriptionService::finished);
    m_app->descriptions()->generate(stored.albumIds.first());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
}

void TestPreferencesDialog::spotifyConnectsThroughTheBrowser()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->spotifyClientIdEdit(), m_spotify->clientId());
    QVERIFY(!dialog->spotifyCopyAddressButton()->isVisible());
    QTest::mouseClick(dialog->spotifyConnectButton(), Qt::LeftButton);
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(dialog->spotifyStateLabel()->text(), QStringLiteral("Waiting for the browser…"));
    QVERIFY(dialog->spotifyCopyAddressButton()->isVisible());
    QTest::mouseClick(dialog->spotifyCopyAddressButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_opened.first().toString(QUrl::FullyEncoded));

    // The browser: the fake approves at once and sends it back to AIME's listener.
    QNetworkAccessManager browser;
    QNetworkRequest request(m_opened.first());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *approved = browser.get(request);
    QTRY_VERIFY(approved->isFinished());
    QNetworkReply *landed
        = browser.get(QNetworkRequest(approved->header(QNetworkRequest::LocationHeader).toUrl()));
    QTRY_VERIFY(landed->isFinished());
    QCOMPARE(landed->error(), QNetworkReply::NoError);

    QTRY_COMPARE(dialog->spotifyStateLabel()->text(),
                 QStringLiteral("Connected as %1").arg(m_spotify->displayName()));
    QCOMPARE(dialog->spotifyConnectButton()->text(), QStringLiteral("&Disconnect"));
    QVERIFY(!dialog->spotifyCopyAddressButton()->isVisible());
    QVERIFY(m_app->accounts()->isSpotifyConnected());
    SecretResult kept;
    bool read = false;
    m_app->accounts()->credentials()->read(Secret::SpotifyRefreshToken,
                                           [&](const SecretResult &result) {
                                               kept = result;
                                               read = true;
                                           });
    QTRY_VERIFY(read);
    QCOMPARE(kept.status, SecretResult::Status::Ok);
    QVERIFY(!kept.secret.isEmpty());

    QTest::mouseClick(dialog->spotifyConnectButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->spotifyStateLabel()->text(), QStringLiteral("Not connected"));
    QVERIFY(!m_app->accounts()->isSpotifyConnected());
}

void TestPreferencesDialog::spotifyClientSecretIsKeptAndForgotten()
{
    PreferencesDialog *dialog = openPreferences();
    QVERIFY(dialog);
    QVERIFY(!dialog->spotifyForgetSecretButton()->isVisible());
    QCOMPARE(dialog->spotifyClientSecretEdit()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(dialog->spotifyClientIdEdit(), m_spotify->clientId());
    QTest::keyClicks(dialog->spotifyClientSecretEdit(), m_spotify->clientSecret());
    dialog->accept();
    QTRY_VERIFY(m_app->accounts()->spotifyCanSearchWithoutUser());
    const auto readSecret = [this] {
        SecretResult kept;
        bool read = false;
        m_app->accounts()->credentials()->read(Secret::SpotifyClientSecret,
                                               [&](const SecretResult &result) {
                                                   kept = result;
                                                   read = true;
                                               });
        return QTest::qWaitFor([&read] { return read; }, 5000) ? kept : SecretResult {};
    };
    QCOMPARE(readSecret().secret, m_spotify->clientSecret());

    dialog = openPreferences();
    QVERIFY(dialog);
    // The dialog shows where the secret is, never the secret itself.
    QVERIFY(dialog->spotifyClientSecretEdit()->text().isEmpty());
    QVERIFY(
        dialog->spotifyClientSecretEdit()->placeholderText().startsWith(QStringLiteral("kept in")));
    QVERIFY(dialog->spotifyForgetSecretButton()->isVisible());
    QCOMPARE(dialog->spotifyStateLabel()->text(),
             QStringLiteral("Not connected; search works with the Client Secret"));
    QTest::mouseClick(dialog->spotifyForgetSecretButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->spotifyForgetSecretButton()->isVisible());
    QVERIFY(!m_app->accounts()->spotifyCanSearchWithoutUser());
    QTRY_COMPARE(readSecret().status, SecretResult::Status::NotFound);
}

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
