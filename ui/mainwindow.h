#pragma once

#include "import/csvimportreport.h"
#include "keyboardshortcutsdialog.h"
#include "store/albumquery.h"
#include "store/schemamigrator.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QThreadPool;

namespace aime {

class AccountManager;
class ImportJobModel;
class ImportManager;
class JobsPanel;
class AlbumGridView;
class AlbumListModel;
class AlbumStore;
class CoverDiskCache;
class DescriptionService;
class DetailsPane;
class EmptyCollectionWidget;
class ImportProgressWidget;
class PreferencesDialog;
class SearchPanel;
class SearchResultModel;

// The shell: menus, toolbar, status bar, and the feature widgets it hosts. Features live in
// their own widgets; this class only wires them together.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(AlbumStore *store, QThreadPool *pool, AlbumListModel *albums,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // The accounts Preferences shows; until set, Preferences is disabled.
    void setAccountManager(AccountManager *accounts);
    // The online imports; until set, their menu entries are disabled.
    void setImportManager(ImportManager *imports);
    // AI descriptions: the details pane's Generate and Edit, Tools > Describe, Preferences > AI.
    void setDescriptionService(DescriptionService *descriptions);
    void setCoverDiskCache(CoverDiskCache *covers) { m_coverDisk = covers; }
    // Search Online's results; until set, Search Online is disabled.
    void setSearchModel(SearchResultModel *model);
    SearchPanel *searchPanel() const { return m_searchPanel; }
    QDockWidget *searchDock() const { return m_searchDock; }
    // Built when the Jobs dock first shows, or here.
    JobsPanel *jobsPanel();
    QDockWidget *jobsDock() const { return m_jobsDock; }
    PreferencesDialog *preferencesDialog() const;

    // Called by the application once the store has opened (or failed to).
    void storeOpened(const aime::StoreStatus &status);

    AlbumGridView *gridView() const { return m_grid; }
    QLineEdit *searchBox() const { return m_search; }
    DetailsPane *detailsPane() const { return m_details; }
    ImportProgressWidget *importProgress() const { return m_import; }

public Q_SLOTS:
    void showPreferences();
    // Asks for the Discogs user (filled in from Preferences) and starts the import.
    void importDiscogsCollection();
    // Starts the import, or opens Preferences > Accounts when Spotify is not connected.
    void importSpotifySavedAlbums();
    void importDiscogsCsv();
    void loadSampleCollection();
    void startCsvImport(const QString &path, const QString &displayName);
    // Raises the window and imports the Discogs CSV export among files (aime FILE.csv, or a
    // second start handing its files over); once the store is open when it is not yet.
    void openFiles(const QStringList &files);
    // Shows Search Online; with text, searches for it at once.
    void showOnlineSearch(const QString &text = QString());

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void updateCentralPage();
    void updateCountLabel();
    void importFinished(const QString &displayName, const CsvImportReport &report);
    void exportCollection(const QString &format);
    void openCurrentAlbum();
    void showAbout();
    void showHelp(KeyboardShortcutsDialog::Contents contents);
    void restoreSettings();
    void saveSettings() const;

    AlbumStore *m_store;
    QThreadPool *m_pool;
    AlbumListModel *m_albums;
    StoreStatus m_storeStatus;
    bool m_storeOpened = false; // storeOpened() has been called (m_storeStatus is meaningful)
    QString m_pendingCsvFile;
    QString m_pendingCsvName;
    bool m_lastAlbumLookedFor = false;
    bool m_albumsShown = false; // a query has landed since the store opened
    bool m_detailsHiddenUntilAlbums = false; // hidden for an empty collection, not by the person

    QStackedWidget *m_central;
    EmptyCollectionWidget *m_empty;
    QLabel *m_storeMessage;
    AlbumGridView *m_grid;
    DetailsPane *m_details;
    QDockWidget *m_detailsDock;
    QLineEdit *m_search;
    QComboBox *m_sortCombo;
    QActionGroup *m_sortActions;
    ImportProgressWidget *m_import;
    QLabel *m_countLabel;
    QTimer m_filterDelay;
    AccountManager *m_accounts = nullptr;
    QPointer<PreferencesDialog> m_preferences;
    QAction *m_preferencesAction = nullptr;
    ImportManager *m_imports = nullptr;
    ImportJobModel *m_jobModel = nullptr;
    JobsPanel *m_jobsPanel = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    QAction *m_importDiscogsAction = nullptr;
    QAction *m_importSpotifyAction = nullptr;
    QLabel *m_jobsSummary = nullptr;
    SearchResultModel *m_searchModel = nullptr;
    SearchPanel *m_searchPanel = nullptr;
    QDockWidget *m_searchDock = nullptr;
    QAction *m_onlineSearchAction = nullptr;
    DescriptionService *m_descriptions = nullptr;
    CoverDiskCache *m_coverDisk = nullptr;
    QAction *m_describeMissingAction = nullptr;
    QAction *m_describeSelectedAction = nullptr;
    bool m_shutdownDone = false;
};

} // namespace aime
