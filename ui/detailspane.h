#pragma once

#include "domain/album.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QThreadPool;
class QTreeView;
class QStackedWidget;

namespace aime {

class AlbumStore;
class CoverImageCache;
class DescriptionPanel;
class DescriptionService;
class ImportManager;
class TracklistNotice;

// Everything AIME knows about the selected album. Text from providers and files is shown as
// plain text; the only markup is the links this pane builds itself, with every part escaped.
class DetailsPane : public QWidget
{
    Q_OBJECT

public:
    DetailsPane(AlbumStore *store, QThreadPool *pool, QWidget *parent = nullptr);
    ~DetailsPane() override;

    qint64 albumId() const { return m_albumId; }
    // Loads the album off the GUI thread; 0 shows the "nothing selected" page.
    void showAlbum(qint64 albumId);
    void refresh();
    // The large cover; without it the placeholder shows.
    void setCoverCache(CoverImageCache *covers);
    // Offers Generate and Edit for the description, and follows the service's changes.
    void setDescriptionService(DescriptionService *descriptions);
    // Lets the pane explain a missing tracklist by the running imports and fetch it.
    void setImportManager(ImportManager *imports);
    // Built with the album page if no album was shown yet.
    DescriptionPanel *descriptionPanel();

Q_SIGNALS:
    void albumShown(qint64 albumId);

private:
    void present(const std::optional<Album> &album);
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);
    void showCover();
    void ensureAlbumPage();

    AlbumStore *m_store;
    QThreadPool *m_pool;
    qint64 m_albumId = 0;
    QFutureWatcher<std::optional<Album>> m_loader;

    QStackedWidget *m_pages;
    QLabel *m_cover = nullptr;
    QPushButton *m_openImage = nullptr;
    QPushButton *m_copyImage = nullptr;
    CoverImageCache *m_covers = nullptr;
    std::optional<Album> m_shown;
    QLabel *m_title = nullptr;
    QLabel *m_artist = nullptr;
    QLabel *m_year = nullptr;
    QLabel *m_label = nullptr;
    QLabel *m_format = nullptr;
    QLabel *m_genres = nullptr;
    QLabel *m_barcode = nullptr;
    QLabel *m_added = nullptr;
    QLabel *m_sources = nullptr;
    DescriptionService *m_descriptions = nullptr;
    DescriptionPanel *m_description = nullptr;
    ImportManager *m_imports = nullptr;
    TracklistNotice *m_noTracks = nullptr;
    QFormLayout *m_form = nullptr;
    QTreeView *m_trackView = nullptr;
    QStandardItemModel *m_tracks = nullptr;
};

} // namespace aime
