#include "aimeapplication.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "credentials/accountmanager.h"
#include "credentials/memorysecretbackend.h"
#include "fakediscogs.h"
#include "fakemusicbrainz.h"
#include "fakespotify.h"
#include "import/importmanager.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "searchpanel.h"
#include "searchresultmodel.h"
#include "store/albumstore.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace aime;

// Search Online as a person uses it: Ctrl+Shift+F, typing, the groups filling in the order the
// providers answer, adding one album, and a provider that needs an account.
class TestSearchPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void groupsFillInOrderOfArrivalAndAddOne();
    void typingSearchesOnceAfterAPause();
    void providerWithoutAccountLeadsToPreferences();
    void searchDuringADiscogsImportGetsDiscogsResults();

private:
    void startApp();
    SearchResultModel *model() const { return m_app->searchResults(); }
    QModelIndex firstResultOf(const QString &provider) const;

    std::unique_ptr<fakes::FakeSpotify> m_spotify;
    std::unique_ptr<fakes::FakeDiscogs> m_discogs;
    std::unique_ptr<fakes::FakeMusicBrainz> m_musicBrainz;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AimeApplication> m_app;
};

namespace {

const char *const variables[]
    = {"AIME_SPOTIFY_API_URL",       "AIME_SPOTIFY_ACCOUNTS_URL", "AIME_SPOTIFY_CLIENT_ID",
       "AIME_SPOTIFY_CLIENT_SECRET", "AIME_DISCOGS_API_URL",      "AIME_DISCOGS_TOKEN",
       "AIME_DISCOGS_USER",          "AIME_MUSICBRAINZ_API_URL",  "AIME_SEARCH_PROVIDER_TIMEOUT_MS",
       "AIME_DISCOGS_RATE"};

// A word every fake catalogue has in some titles.
const QString query = QStringLiteral("quiet");

} // namespace

void TestSearchPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSearchPanel::init()
{
    QSettings().clear();
    m_spotify = std::make_unique<fakes::FakeSpotify>();
    m_discogs = std::make_unique<fakes::FakeDiscogs>();
    fakes::FakeMusicBrainzOptions musicBrainzOptions;
    musicBrainzOptions.strictRate = false;
    m_musicBrainz = std::make_unique<fakes::FakeMusicBrainz>(musicBrainzOptions);
    QVERIFY(m_spotify->listen());
    QVERIFY(m_discogs->listen());
    QVERIFY(m_musicBrainz->listen());
    // Spotify first, then Discogs, then MusicBrainz: far enough apart to keep their order on a
    // loaded machine.
    m_discogs->server().setLatency(std::chrono::milliseconds(400));
    m_musicBrainz->server().setLatency(std::chrono::milliseconds(1200));
    qputenv("AIME_SPOTIFY_API_URL", m_spotify->apiUrl().toString().toUtf8());
    qputenv("AIME_SPOTIFY_ACCOUNTS_URL", m_spotify->accountsUrl().toString().toUtf8());
    qputenv("AIME_SPOTIFY_CLIENT_ID", m_spotify->clientId().toUtf8());
    qputenv("AIME_SPOTIFY_CLIENT_SECRET", m_spotify->clientSecret().toUtf8());
    qputenv("AIME_DISCOGS_API_URL", m_discogs->baseUrl().toString().toUtf8());
    qputenv("AIME_DISCOGS_TOKEN", m_discogs->token().toUtf8());
    qputenv("AIME_DISCOGS_USER", m_discogs->username().toUtf8());
    qputenv("AIME_MUSICBRAINZ_API_URL", m_musicBrainz->apiUrl().toString().toUtf8());
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestSearchPanel::startApp()
{
    m_app = std::make_unique<AimeApplication>(m_dir->path(), new MemorySecretBackend);
    m_app->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->mainWindow()));
    QTRY_VERIFY(m_app->imports()->isLoaded());
    QTRY_VERIFY(m_app->accounts()->isRestored());
}

void TestSearchPanel::cleanup()
{
    m_app.reset();
    m_dir.reset();
    m_spotify.reset();
    m_discogs.reset();
    m_musicBrainz.reset();
    for (const char *name : variables)
        qunsetenv(name);
    QSettings().clear();
}

QModelIndex TestSearchPanel::firstResultOf(const QString &provider) const
{
    return model()->index(0, 0, model()->groupIndex(provider));
}

void TestSearchPanel::groupsFillInOrderOfArrivalAndAddOne()
{
    startApp();
    MainWindow *window = m_app->mainWindow();
    QVERIFY(!window->searchDock()->isVisible());

    // Ctrl+Shift+F opens the panel with the query field focused.
    QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(window->searchDock()->isVisible());
    QLineEdit *field = window->searchPanel()->queryField();
    QTRY_VERIFY(field->hasFocus());

    QStringList answered;
    connect(model(), &SearchResultModel::providerChanged, this, [&](const QString &provider) {
        const auto state
            = SearchState(model()->groupIndex(provider).data(SearchResultModel::StateRole).toInt());
        if (state != SearchState::Searching && !answered.contains(provider))
            answered.append(provider);
    });
    QSignalSpy finished(model(), &SearchResultModel::searchFinished);
    QTest::keyClicks(field, query);
    QTest::keyClick(field, Qt::Key_Return);

    // Your collection first, as the view shows it; then each provider as it answers.
    QTRY_COMPARE(model()->rowCount(), 4);
    QCOMPARE(model()->index(0, 0).data(SearchResultModel::ProviderRole).toString(),
             QStringLiteral("local"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(answered,
             (QStringList {QStringLiteral("local"), QStringLiteral("spotify"),
                           QStringLiteral("discogs"), QStringLiteral("musicbrainz")}));
    for (const QString &provider :
         {QStringLiteral("spotify"), QStringLiteral("discogs"), QStringLiteral("musicbrainz")}) {
        const QModelIndex group = model()->groupIndex(provider);
        QCOMPARE(SearchState(group.data(SearchResultModel::StateRole).toInt()), SearchState::Done);
        QVERIFY2(model()->rowCount(group) > 0, qPrintable(provider));
    }
    // Nothing is in the (empty) collection yet.
    QCOMPARE(model()->rowCount(model()->groupIndex(QStringLiteral("local"))), 0);

    // Select a Discogs result and add it with Enter.
    QTreeView *view = window->searchPanel()->resultsView();
    const QModelIndex result = firstResultOf(QStringLiteral("discogs"));
    QVERIFY(result.isValid());
    const QString title = result.data(SearchResultModel::TitleRole).toString();
    view->setFocus();
    view->setCurrentIndex(result);
    QVERIFY(window->searchPanel()->addButton()->isEnabled());
    QTest::keyClick(view, Qt::Key_Return);
    // A second press while it is being added starts nothing more.
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(result.data(SearchResultModel::InCollectionRole).toBool(), 15000);
    QCOMPARE(result.siblingAtColumn(SearchResultModel::StatusColumn).data().toString(),
             QStringLiteral("In collection"));
    QVERIFY(!window->searchPanel()->addButton()->isEnabled());
    QCOMPARE(m_app->imports()->jobs().size(), 1);

    // The grid shows it, with its tracks in the store.
    const qint64 albumId = result.data(SearchResultModel::CollectionAlbumIdRole).toLongLong();
    QVERIFY(albumId > 0);
    const std::optional<Album> stored = m_app->store()->album(albumId);
    QVERIFY(stored);
    QCOMPARE(stored->title, title);
    QVERIFY(!stored->tracks.isEmpty());
    QCOMPARE(stored->sources.size(), 1);
    QCOMPARE(stored->sources.first().provider, QStringLiteral("discogs"));
    QTRY_COMPARE(m_app->store()->count({}), 1);
    QTRY_COMPARE(window->gridView()->model()->rowCount(), 1);
}

void TestSearchPanel::typingSearchesOnceAfterAPause()
{
    startApp();
    MainWindow *window = m_app->mainWindow();
    window->showOnlineSearch();
    QLineEdit *field = window->searchPanel()->queryField();
    QSignalSpy started(model(), &SearchResultModel::searchStarted);
    QSignalSpy finished(model(), &SearchResultModel::searchFinished);
    // Keys come faster than the 300 ms pause: one search, for the whole word.
    QTest::keyClicks(field, query);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toString(), query);
    QCOMPARE(model()->query(), query);

    // Ctrl+Enter in the collection's search box takes its text online.
    window->searchBox()->setText(QStringLiteral("midnight"));
    window->searchBox()->setFocus();
    QTest::keyClick(window->searchBox(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(started.size(), 2);
    QCOMPARE(model()->query(), QStringLiteral("midnight"));
    QCOMPARE(field->text(), QStringLiteral("midnight"));
}

void TestSearchPanel::providerWithoutAccountLeadsToPreferences()
{
    qunsetenv("AIME_DISCOGS_TOKEN");
    qunsetenv("AIME_DISCOGS_USER");
    startApp();
    MainWindow *window = m_app->mainWindow();
    window->showOnlineSearch(query);
    QSignalSpy finished(model(), &SearchResultModel::searchFinished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    const QModelIndex discogs = model()->groupIndex(QStringLiteral("discogs"));
    QCOMPARE(SearchState(discogs.data(SearchResultModel::StateRole).toInt()),
             SearchState::NotConfigured);
    QVERIFY(discogs.data(SearchResultModel::MessageRole)
                .toString()
                .contains(QStringLiteral("Preferences")));
    QCOMPARE(m_discogs->server().requestCount(), 0);
    // The others are not held back by it.
    QCOMPARE(SearchState(model()
                             ->groupIndex(QStringLiteral("spotify"))
                             .data(SearchResultModel::StateRole)
                             .toInt()),
             SearchState::Done);

    // Enter on the group opens Preferences at Accounts.
    QTreeView *view = window->searchPanel()->resultsView();
    view->setFocus();
    view->setCurrentIndex(discogs);
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(window->preferencesDialog() && window->preferencesDialog()->isVisible());
}

void TestSearchPanel::searchDuringADiscogsImportGetsDiscogsResults()
{
    // Discogs' strict limit with its minute scaled to 2 s, a collection that takes the import
    // several windows, and a search in the middle of its release-details phase (issue 16).
    constexpr std::chrono::milliseconds window {2000};
    m_discogs = std::make_unique<fakes::FakeDiscogs>(fakes::FakeDiscogsOptions {.albumCount = 400});
    m_discogs->server().setRateLimit(60, window);
    m_discogs->server().setLatency(std::chrono::milliseconds(20));
    QVERIFY(m_discogs->listen());
    qputenv("AIME_DISCOGS_API_URL", m_discogs->baseUrl().toString().toUtf8());
    qputenv("AIME_DISCOGS_RATE", "60/2");
    startApp();
    m_app->imports()->startImport(QStringLiteral("discogs"),
                                  {{QStringLiteral("user"), m_discogs->username()}});
    const auto releasesRequested = [this] {
        const QList<QByteArray> paths = m_discogs->server().requestPaths();
        return std::count_if(paths.cbegin(), paths.cend(),
                             [](const QByteArray &path) { return path.startsWith("/releases/"); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(releasesRequested() > 60, 30000);
    QCOMPARE(m_app->imports()->runningCount(), 1);

    QElapsedTimer waited;
    waited.start();
    m_app->mainWindow()->showOnlineSearch(query);
    QTRY_VERIFY_WITH_TIMEOUT(model()->groupIndex(QStringLiteral("discogs")).isValid()
                                 && SearchState(model()
                                                    ->groupIndex(QStringLiteral("discogs"))
                                                    .data(SearchResultModel::StateRole)
                                                    .toInt())
                                     != SearchState::Searching,
                             15000);
    const qint64 answeredMs = waited.elapsed();
    const QModelIndex group = model()->groupIndex(QStringLiteral("discogs"));
    QCOMPARE(SearchState(group.data(SearchResultModel::StateRole).toInt()), SearchState::Done);
    // Its hits may be listed under a provider preferred to it: the chip counts them.
    const QString chip = group.data(SearchResultModel::StateTextRole).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[1-9][0-9]* results?")).match(chip).hasMatch(),
             qPrintable(chip));
    // Within one window, though the import uses the rest of every window; it is still running
    // and the strict fake never had to say no.
    QVERIFY2(answeredMs < window.count(), qPrintable(QString::number(answeredMs)));
    QCOMPARE(m_app->imports()->runningCount(), 1);
    QCOMPARE(m_discogs->server().limitedCount(), 0);
}

QTEST_MAIN(TestSearchPanel)
#include "tst_searchpanel.moc"
