#include "aimeapplication.h"

#include "ai/aisettings.h"
#include "ai/descriptionservice.h"
#include "ai/llmclient.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "core/datalocation.h"
#include "core/futurecallback.h"
#include "core/workerpool.h"
#include "coverimagecache.h"
#include "covers/coverdiskcache.h"
#include "covers/coverfetcher.h"
#include "covers/imageclient.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"
#include "detailspane.h"
#include "import/importmanager.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "providers/discogsclient.h"
#include "providers/musicbrainzclient.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "providers/spotifyclient.h"
#include "search/searchsettings.h"
#include "searchresultmodel.h"
#include "store/albumstore.h"

#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSettings>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcApp, "aime.app")

namespace aime {

namespace {

// Preferences > Advanced, under the environment; read once, before any client exists.
ProviderEndpoints configuredEndpoints()
{
    QString problem;
    const ProviderEndpoints endpoints = ProviderSettings::configureProcess(&problem);
    if (!problem.isEmpty())
        qCWarning(lcApp).noquote() << problem;
    return endpoints;
}

// The window manager is sent every size of the window icon; the small ones are enough there
// (the menu entry uses the installed theme's files), and decoding the 256 and 512 px images
// would add several milliseconds to every start.
QList<QImage> decodeWindowIcon()
{
    QList<QImage> images;
    for (const int size : {16, 24, 32, 48, 64, 128}) {
        const QImage image(
            QStringLiteral(":/aime/icons/hicolor/%1x%1/apps/" AIME_APP_ID ".png").arg(size));
        if (!image.isNull())
            images.append(image);
    }
    return images;
}

} // namespace

AimeApplication::AimeApplication(const QString &dataDir, SecretBackend *keychain, QObject *parent)
    : AimeApplication(DataLocation::sqliteStore(dataDir), dataDir, keychain, parent)
{ }

AimeApplication::AimeApplication(const StoreConfig &store, const QString &dataDir,
                                 SecretBackend *keychain, QObject *parent)
    : QObject(parent),
      m_store(std::make_unique<AlbumStore>(store)),
      m_pool(std::make_unique<WorkerPool>()),
      m_network(std::make_unique<QNetworkAccessManager>())
{
    // On the pool: the first image read loads every image format plugin (a dlopen each, a few
    // milliseconds), which the window need not wait for; the icon follows a moment after.
    onFinished(QtConcurrent::run(static_cast<QThreadPool *>(m_pool.get()), &decodeWindowIcon), this,
               [](const QList<QImage> &images) {
                   QIcon icon;
                   for (const QImage &image : images)
                       icon.addPixmap(QPixmap::fromImage(image));
                   QGuiApplication::setWindowIcon(icon);
               });
    const ProviderEndpoints endpoints = configuredEndpoints();
    m_spotify = std::make_unique<SpotifyClient>(m_network.get(), m_pool.get(), endpoints.spotifyApi,
                                                endpoints.spotifyAccounts);
    m_discogs
        = std::make_unique<DiscogsClient>(m_network.get(), m_pool.get(), endpoints.discogsApi);
    m_musicBrainz = std::make_unique<MusicBrainzClient>(
        m_network.get(), m_pool.get(), endpoints.musicBrainzApi, endpoints.coverArt);
    m_llm = std::make_unique<LlmClient>(m_network.get(), m_pool.get(), endpoints.llm);
    m_llm->setApiKey(AiSettings::environmentApiKey());
    m_descriptions = std::make_unique<DescriptionService>(m_store.get(), m_pool.get(), m_llm.get());
    m_descriptions->setModel(AiSettings::model());
    m_credentials = std::make_unique<CredentialStore>(
        keychain ? keychain : new KeychainBackend(QStringLiteral("AIME")));
    m_accounts = std::make_unique<AccountManager>(m_credentials.get(), m_spotify.get(),
                                                  m_discogs.get(), m_musicBrainz.get());
    m_imports = std::make_unique<ImportManager>(m_store.get(), m_pool.get(), m_discogs.get(),
                                                m_spotify.get());
    m_imports->setMusicBrainzClient(m_musicBrainz.get());
    m_imports->setDescriptionService(m_descriptions.get());
    m_coverDisk = std::make_unique<CoverDiskCache>(
        QDir(dataDir).filePath(QStringLiteral("covers")),
        QSettings().value(PreferencesDialog::coverCacheKey(), 500).toLongLong() * 1024 * 1024);
    m_coverDisk->setStore(m_store.get(), m_pool.get());
    m_images = std::make_unique<ImageClient>(tr("Cover images"), m_network.get(), m_pool.get(),
                                             ImageClient::defaultLimits());
    m_coverArt = std::make_unique<ImageClient>(tr("The Cover Art Archive"), m_network.get(),
                                               m_pool.get(), ImageClient::defaultLimits());
    m_coverFetcher
        = std::make_unique<CoverFetcher>(m_coverDisk.get(), m_pool.get(), m_images.get(),
                                         m_coverArt.get(), m_discogs.get(), endpoints.coverArt);
    m_covers = std::make_unique<CoverImageCache>(m_store.get(), m_pool.get(), m_coverDisk.get(),
                                                 m_coverFetcher.get());
    m_albums = std::make_unique<AlbumListModel>(m_store.get(), m_pool.get());
    m_albums->setCoverCache(m_covers.get());
    m_imports->setCoverFetcher(m_coverFetcher.get());
    m_searchResults = std::make_unique<SearchResultModel>(SearchServices {
        m_store.get(), m_pool.get(), m_spotify.get(), m_discogs.get(), m_musicBrainz.get()});
    QString timeoutProblem;
    m_searchResults->setTimeouts(SearchSettings::timeoutsFromEnvironment(
        QProcessEnvironment::systemEnvironment(), &timeoutProblem));
    if (!timeoutProblem.isEmpty())
        qWarning().noquote() << timeoutProblem;
    m_searchResults->setProviderOrder(SearchSettings::providerOrder());
    m_searchResults->setImportManager(m_imports.get());
    m_window = std::make_unique<MainWindow>(m_store.get(), m_pool.get(), m_albums.get());
    m_window->setAccountManager(m_accounts.get());
    m_window->setImportManager(m_imports.get());
    m_window->setSearchModel(m_searchResults.get());
    m_window->setDescriptionService(m_descriptions.get());
    m_window->gridView()->setCoverCache(m_covers.get());
    m_window->detailsPane()->setCoverCache(m_covers.get());
    m_window->setCoverDiskCache(m_coverDisk.get());
}

AimeApplication::~AimeApplication()
{
    m_window.reset();
    m_searchResults.reset();
    m_albums.reset();
    m_covers.reset();
    m_imports.reset();
    m_coverFetcher.reset();
    m_coverArt.reset();
    m_images.reset();
    m_accounts.reset();
    m_credentials.reset();
    m_descriptions.reset();
    m_llm.reset();
    m_musicBrainz.reset();
    m_discogs.reset();
    m_spotify.reset();
    m_network.reset();
    // Waits (at most 5 s) for workers that still use the store, then the store closes.
    m_pool.reset();
    m_store.reset();
}

void AimeApplication::start()
{
    m_window->show();
    m_accounts->restore();
    // The AI endpoint's key, when Preferences kept one and the environment gives none.
    if (AiSettings::environmentApiKey().isEmpty() && AiSettings::hasKeptApiKey()) {
        // Requests wait for the key rather than go out without it and come back refused.
        m_llm->expectApiKey();
        m_credentials->read(Secret::LlmApiKey,
                            [llm = QPointer<LlmClient>(m_llm.get())](const SecretResult &result) {
                                if (!llm)
                                    return;
                                if (result.ok()) {
                                    llm->setApiKey(result.secret);
                                    return;
                                }
                                qWarning().noquote()
                                    << "Cannot read the AI endpoint's key from the keychain:"
                                    << result.message;
                                llm->apiKeyUnavailable();
                            });
    }
    AlbumStore *store = m_store.get();
    // The covers' folder is read once, off the GUI thread (it may hold thousands of files).
    CoverDiskCache *coverDisk = m_coverDisk.get();
    (void)QtConcurrent::run(static_cast<QThreadPool *>(m_pool.get()), [coverDisk] {
        QString error;
        if (!coverDisk->load(&error))
            qWarning().noquote() << error;
    });
    onFinished(QtConcurrent::run(static_cast<QThreadPool *>(m_pool.get()),
                                 [store] { return store->open(); }),
               this, [this](const StoreStatus &status) {
                   m_window->storeOpened(status);
                   if (status.ok())
                       m_imports->load();
               });
}

} // namespace aime
