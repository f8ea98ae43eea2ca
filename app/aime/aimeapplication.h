#pragma once

#include "store/storeconfig.h"

#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace aime {

class AccountManager;
class AlbumListModel;
class AlbumStore;
class CoverDiskCache;
class CoverFetcher;
class CoverImageCache;
class ImageClient;
class CredentialStore;
class DescriptionService;
class DiscogsClient;
class LlmClient;
class ImportManager;
class MainWindow;
class MusicBrainzClient;
class SearchResultModel;
class SecretBackend;
class SpotifyClient;
class WorkerPool;

// The composition root of the GUI: builds the store, the pool, the provider clients, the
// accounts, the models and the window, in an order whose reverse is a clean shutdown (the
// pool drains before the store closes).
class AimeApplication : public QObject
{
    Q_OBJECT

public:
    // keychain: where secrets go; null for the system keychain (tests pass a stand-in).
    explicit AimeApplication(const QString &dataDir, SecretBackend *keychain = nullptr,
                             QObject *parent = nullptr);
    // The collection in `store` (a PostgreSQL catalogue, say); the data folder keeps the rest
    // (covers, settings that are this desktop's).
    AimeApplication(const StoreConfig &store, const QString &dataDir,
                    SecretBackend *keychain = nullptr, QObject *parent = nullptr);
    ~AimeApplication() override;

    // Shows the window at once and opens the store on the pool; the window follows its state.
    void start();
    MainWindow *mainWindow() const { return m_window.get(); }
    AlbumStore *store() const { return m_store.get(); }
    AccountManager *accounts() const { return m_accounts.get(); }
    SpotifyClient *spotify() const { return m_spotify.get(); }
    DiscogsClient *discogs() const { return m_discogs.get(); }
    MusicBrainzClient *musicBrainz() const { return m_musicBrainz.get(); }
    ImportManager *imports() const { return m_imports.get(); }
    SearchResultModel *searchResults() const { return m_searchResults.get(); }
    LlmClient *llm() const { return m_llm.get(); }
    DescriptionService *descriptions() const { return m_descriptions.get(); }
    CoverDiskCache *coverDiskCache() const { return m_coverDisk.get(); }
    CoverFetcher *coverFetcher() const { return m_coverFetcher.get(); }
    CoverImageCache *covers() const { return m_covers.get(); }
    ImageClient *coverArtClient() const { return m_coverArt.get(); }
    ImageClient *imageClient() const { return m_images.get(); }

private:
    std::unique_ptr<AlbumStore> m_store;
    std::unique_ptr<WorkerPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SpotifyClient> m_spotify;
    std::unique_ptr<DiscogsClient> m_discogs;
    std::unique_ptr<MusicBrainzClient> m_musicBrainz;
    std::unique_ptr<LlmClient> m_llm;
    std::unique_ptr<DescriptionService> m_descriptions;
    std::unique_ptr<CoverDiskCache> m_coverDisk;
    std::unique_ptr<ImageClient> m_images;
    std::unique_ptr<ImageClient> m_coverArt;
    std::unique_ptr<CoverFetcher> m_coverFetcher;
    std::unique_ptr<CoverImageCache> m_covers;
    std::unique_ptr<CredentialStore> m_credentials;
    std::unique_ptr<AccountManager> m_accounts;
    std::unique_ptr<ImportManager> m_imports;
    std::unique_ptr<AlbumListModel> m_albums;
    std::unique_ptr<SearchResultModel> m_searchResults;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace aime
