#include "mainwindow.h"

#include "ai/descriptionservice.h"
#include "albumgridview.h"
#include "albumlistmodel.h"
#include "credentials/accountmanager.h"
#include "descriptionpanel.h"
#include "detailspane.h"
#include "emptycollectionwidget.h"
#include "export/collectionexporter.h"
#include "import/importmanager.h"
#include "importjobmodel.h"
#include "importprogresswidget.h"
#include "jobspanel.h"
#include "lineeditclearbutton.h"
#include "preferencesdialog.h"
#include "search/searchsettings.h"
#include "searchpanel.h"
#include "searchresultmodel.h"
#include "store/albumstore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QJsonArray>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QtConcurrent>

#include <utility>

namespace aime {

namespace {

enum CentralPage { MessagePage, EmptyPage, GridPage };

constexpr int statusMessageMs = 8000;

const QString sampleCollectionPath = QStringLiteral(":/sample/sample-collection.csv");

} // namespace

MainWindow::MainWindow(AlbumStore *store, QThreadPool *pool, AlbumListModel *albums,
                       QWidget *parent)
    : QMainWindow(parent),
      m_store(store),
      m_pool(pool),
      m_albums(albums),
      m_central(new QStackedWidget(this)),
      m_empty(new EmptyCollectionWidget(m_central)),
      m_storeMessage(new QLabel(m_central)),
      m_grid(new AlbumGridView(m_central)),
      m_details(new DetailsPane(store, pool, this)),
      m_detailsDock(new QDockWidget(tr("Details"), this)),
      m_search(new QLineEdit(this)),
      m_sortCombo(new QComboBox(this)),
      m_sortActions(new QActionGroup(this)),
      m_import(new ImportProgressWidget(store, pool, this)),
      m_countLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("AIME"));
    resize(1200, 800);

    m_storeMessage->setObjectName(QStringLiteral("storeMessage"));
    m_storeMessage->setTextFormat(Qt::PlainText);
    m_storeMessage->setAlignment(Qt::AlignCenter);
    m_storeMessage->setWordWrap(true);
    m_storeMessage->setMargin(40);
    m_storeMessage->setText(tr("Opening your collection…"));
    m_central->addWidget(m_storeMessage);
    m_central->addWidget(m_empty);
    m_central->addWidget(m_grid);
    setCentralWidget(m_central);
    m_grid->setModel(m_albums);

    // The details pane keeps the window's full height; docks at the bottom sit under the grid.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    m_detailsDock->setMinimumWidth(300);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);

    m_countLabel->setObjectName(QStringLiteral("albumCount"));
    statusBar()->addPermanentWidget(m_import);
    statusBar()->addPermanentWidget(m_countLabel);

    createActions();
    createToolBar();

    // Typing a word should not start one query per key; one short pause is enough.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(80);
    connect(&m_filterDelay, &QTimer::timeout, this,
            [this] { m_albums->setFilterText(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });

    connect(m_albums, &AlbumListModel::totalCountChanged, this, [this](int count) {
        updateCentralPage();
        updateCountLabel();
        // The album selected when AIME last closed, found once the whole collection is counted
        // (its row may be far past the first page).
        if (!m_lastAlbumLookedFor && count > 0) {
            m_lastAlbumLookedFor = true;
            const qint64 last = QSettings().value(QStringLiteral("grid/currentAlbum")).toLongLong();
            if (last > 0)
                m_albums->locate(last);
        }
    });
    connect(m_albums, &AlbumListModel::queryApplied, this, [this] {
        m_albumsShown = true;
        updateCentralPage();
        updateCountLabel();
    });
    connect(m_albums, &AlbumListModel::located, this, [this](qint64, int row) {
        // Only while nothing else was chosen meanwhile.
        if (row < 0 || m_grid->selectionModel()->hasSelection())
            return;
        const QModelIndex index = m_albums->index(row);
        m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        m_grid->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });
    connect(m_albums, &AlbumListModel::loadFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Cannot read the collection: %1").arg(message),
                                 statusMessageMs);
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                m_details->showAlbum(current.data(AlbumListModel::AlbumIdRole).toLongLong());
            });
    // A jump (Ctrl+End) can land on a row whose page is still being read: its album is shown
    // once the page is there.
    connect(m_albums, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                const QModelIndex current = m_grid->currentIndex();
                if (!current.isValid() || current.row() < first.row() || current.row() > last.row())
                    return;
                const qint64 albumId = current.data(AlbumListModel::AlbumIdRole).toLongLong();
                if (albumId > 0 && albumId != m_details->albumId())
                    m_details->showAlbum(albumId);
            });
    connect(m_grid, &QAbstractItemView::activated, this, &MainWindow::openCurrentAlbum);
    connect(m_empty, &EmptyCollectionWidget::importDiscogsCsvRequested, this,
            &MainWindow::importDiscogsCsv);
    connect(m_empty, &EmptyCollectionWidget::importDiscogsCollectionRequested, this,
            &MainWindow::importDiscogsCollection);
    connect(m_empty, &EmptyCollectionWidget::importSpotifyRequested, this,
            &MainWindow::importSpotifySavedAlbums);
    connect(m_empty, &EmptyCollectionWidget::loadSampleRequested, this,
            &MainWindow::loadSampleCollection);
    connect(m_import, &ImportProgressWidget::finished, this, &MainWindow::importFinished);

    restoreSettings();
    updateCentralPage();
}

MainWindow::~MainWindow() = default;

void MainWindow::setAccountManager(AccountManager *accounts)
{
    m_accounts = accounts;
    m_preferencesAction->setEnabled(accounts != nullptr);
    if (accounts) {
        connect(accounts, &AccountManager::problem, this,
                [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    }
}

void MainWindow::setImportManager(ImportManager *imports)
{
    m_imports = imports;
    m_details->setImportManager(imports);
    m_importDiscogsAction->setEnabled(imports != nullptr);
    m_importSpotifyAction->setEnabled(imports != nullptr);
    if (!imports)
        return;
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_jobsDock->hide();
    // The panel is built when the dock first shows: most starts never open it, and its table
    // costs a millisecond or two of every start.
    connect(m_jobsDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            jobsPanel();
    });
    QAction *toggleJobs = m_jobsDock->toggleViewAction();
    toggleJobs->setText(tr("&Jobs"));
    toggleJobs->setShortcut(QKeySequence(tr("Ctrl+J")));
    toggleJobs->setObjectName(QStringLiteral("toggleJobsAction"));
    for (QAction *menu : menuBar()->actions()) {
        if (menu->menu() && menu->text() == tr("&View"))
            menu->menu()->addAction(toggleJobs);
    }

    m_jobsSummary = new QLabel(this);
    m_jobsSummary->setObjectName(QStringLiteral("jobsSummary"));
    statusBar()->addPermanentWidget(m_jobsSummary);
    m_jobsSummary->hide();
    const auto updateSummary = [this] {
        int running = 0;
        int done = 0;
        int total = 0;
        for (const ImportJobRecord &record : m_imports->jobs()) {
            if (record.state != JobState::Running && record.state != JobState::Queued)
                continue;
            ++running;
            done += record.done;
            total += record.total;
        }
        m_jobsSummary->setVisible(running > 0);
        const QLocale locale;
        const QString counts = total > 0
            ? tr("%1 of %2").arg(locale.toString(done), locale.toString(total))
            : tr("starting");
        m_jobsSummary->setText(running == 1 ? tr("Importing: %1").arg(counts)
                                            : tr("%1 imports: %2").arg(running).arg(counts));
    };
    connect(imports, &ImportManager::jobChanged, this, updateSummary);
    connect(imports, &ImportManager::loaded, this, updateSummary);
    connect(imports, &ImportManager::loaded, this, [this] {
        if (QSettings().value(PreferencesDialog::resumeAutomaticallyKey(), false).toBool())
            m_imports->resumeInterrupted();
    });
    connect(imports, &ImportManager::focusRequested, this, [this](qint64 id) {
        // An album added from Search Online is a job too, but too small to pop the panel up.
        const std::optional<ImportJobRecord> record = m_imports->record(id);
        if (record && record->source == QLatin1String("album") && !m_jobsDock->isVisible())
            return;
        if (!m_jobsDock->isVisible()) {
            m_jobsDock->show();
            // A strip under the grid, not half the window.
            resizeDocks({m_jobsDock}, {170}, Qt::Vertical);
        }
        m_jobsDock->raise();
        jobsPanel()->focusJob(id);
    });
    connect(imports, &ImportManager::problem, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(imports, &ImportManager::jobFinished, this, [this](const ImportJobRecord &record) {
        const bool album = record.source == QLatin1String("album");
        const QString text = record.state == JobState::Completed && album
            ? tr("%1: done.").arg(ImportJobModel::describe(record))
            : record.state == JobState::Completed
            ? tr("%1: done, %2 releases.")
                  .arg(ImportJobModel::describe(record), QLocale().toString(record.total))
            : tr("%1: %2").arg(ImportJobModel::describe(record),
                               record.error.isEmpty() ? ImportJobModel::stateText(record.state)
                                                      : record.error);
        statusBar()->showMessage(text, 15000);
        // A long import that ends while the person works elsewhere is worth a notice.
        if (!isActiveWindow() && record.state != JobState::Interrupted) {
            if (QSystemTrayIcon::isSystemTrayAvailable()) {
                auto *tray = new QSystemTrayIcon(windowIcon(), this);
                tray->show();
                tray->showMessage(tr("AIME"), text);
                QTimer::singleShot(15000, tray, &QObject::deleteLater);
            } else {
                QApplication::alert(this);
            }
        }
    });
}

void MainWindow::importDiscogsCollection()
{
    if (!m_imports)
        return;
    QString user;
    if (m_accounts) {
        user = m_accounts->settings().discogsUser;
        if (user.isEmpty())
            user = m_accounts->environmentDiscogsUser();
    }
    auto *ask = new QInputDialog(this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("Import Discogs collection"));
    ask->setLabelText(tr("Discogs user whose collection to import:"));
    ask->setTextValue(user);
    ask->setOkButtonText(tr("&Import"));
    ask->setObjectName(QStringLiteral("discogsUserDialog"));
    connect(ask, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (!name.isEmpty())
            m_imports->startImport(QStringLiteral("discogs"), {{QStringLiteral("user"), name}});
    });
    ask->open();
}

void MainWindow::importSpotifySavedAlbums()
{
    if (!m_imports)
        return;
    if (!m_accounts || !m_accounts->isSpotifyConnected()) {
        statusBar()->showMessage(
            tr("Connect your Spotify account first, then import your saved albums."), 15000);
        showPreferences();
        if (m_preferences)
            m_preferences->showAccounts();
        return;
    }
    m_imports->startImport(QStringLiteral("spotify"), {});
}

JobsPanel *MainWindow::jobsPanel()
{
    if (!m_jobsPanel && m_imports) {
        m_jobModel = new ImportJobModel(m_imports, this);
        m_jobsPanel = new JobsPanel(m_imports, m_jobModel);
        m_jobsDock->setWidget(m_jobsPanel);
    }
    return m_jobsPanel;
}

void MainWindow::setSearchModel(SearchResultModel *model)
{
    if (!model || m_searchPanel)
        return;
    m_searchModel = model;
    m_searchPanel = new SearchPanel(model);
    m_searchDock = new QDockWidget(tr("Search Online"), this);
    m_searchDock->setObjectName(QStringLiteral("searchDock"));
    m_searchDock->setWidget(m_searchPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_searchDock);
    m_searchDock->hide();
    m_onlineSearchAction->setEnabled(true);
    connect(m_searchPanel, &SearchPanel::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, statusMessageMs); });
    connect(m_searchPanel, &SearchPanel::albumRequested, this, [this](qint64 albumId) {
        m_detailsDock->show();
        m_details->showAlbum(albumId);
    });
    connect(m_searchPanel, &SearchPanel::preferencesRequested, this, [this] {
        showPreferences();
        if (m_preferences)
            m_preferences->showAccounts();
    });
    connect(model, &SearchResultModel::albumAdded, this,
            [this](qint64 albumId) { m_details->showAlbum(albumId); });
}

void MainWindow::setDescriptionService(DescriptionService *descriptions)
{
    m_descriptions = descriptions;
    m_details->setDescriptionService(descriptions);
    m_describeMissingAction->setEnabled(descriptions && m_imports);
    m_describeSelectedAction->setEnabled(descriptions != nullptr);
    if (!descriptions)
        return;
    connect(descriptions, &DescriptionService::finished, this,
            [this](qint64, bool ok, const QString &message) {
                if (!ok)
                    statusBar()->showMessage(tr("No description: %1").arg(message), 15000);
            });
}

void MainWindow::showOnlineSearch(const QString &text)
{
    if (!m_searchDock)
        return;
    if (m_searchDock->isHidden()) {
        m_searchDock->show();
        // Results need room: half the window, the grid keeps the rest.
        resizeDocks({m_searchDock}, {height() / 2}, Qt::Vertical);
    }
    m_searchDock->raise();
    if (!text.trimmed().isEmpty())
        m_searchPanel->search(text);
    m_searchPanel->queryField()->setFocus(Qt::ShortcutFocusReason);
    m_searchPanel->queryField()->selectAll();
}

PreferencesDialog *MainWindow::preferencesDialog() const
{
    return m_preferences;
}

void MainWindow::showPreferences()
{
    if (!m_accounts)
        return;
    if (!m_preferences) {
        m_preferences = new PreferencesDialog(m_accounts, this);
        m_preferences->setDescriptionService(m_descriptions);
        m_preferences->setCoverDiskCache(m_coverDisk);
        m_preferences->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_preferences, &QDialog::accepted, this, [this] {
            if (m_searchModel)
                m_searchModel->setProviderOrder(SearchSettings::providerOrder());
        });
    }
    m_preferences->show();
    m_preferences->raise();
    m_preferences->activateWindow();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QMenu *exportMenu = fileMenu->addMenu(tr("&Export collection"));
    exportMenu->addAction(tr("As &CSV (Discogs columns)…"), this,
                          [this] { exportCollection(QStringLiteral("csv")); });
    exportMenu->addAction(tr("As &JSON…"), this,
                          [this] { exportCollection(QStringLiteral("json")); });
    fileMenu->addSeparator();
    m_preferencesAction
        = fileMenu->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    m_preferencesAction->setObjectName(QStringLiteral("preferencesAction"));
    m_preferencesAction->setShortcuts({QKeySequence::Preferences, QKeySequence(tr("Ctrl+,"))});
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    m_preferencesAction->setEnabled(false);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *importMenu = menuBar()->addMenu(tr("&Import"));
    m_importSpotifyAction = importMenu->addAction(tr("&Spotify saved albums…"), this,
                                                  &MainWindow::importSpotifySavedAlbums);
    m_importSpotifyAction->setObjectName(QStringLiteral("importSpotifyAction"));
    m_importSpotifyAction->setEnabled(false);
    m_importDiscogsAction = importMenu->addAction(tr("Discogs &collection…"), this,
                                                  &MainWindow::importDiscogsCollection);
    m_importDiscogsAction->setObjectName(QStringLiteral("importDiscogsAction"));
    m_importDiscogsAction->setEnabled(false);
    QAction *csv
        = importMenu->addAction(tr("Discogs CSV &export…"), this, &MainWindow::importDiscogsCsv);
    csv->setObjectName(QStringLiteral("importCsvAction"));
    csv->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    QAction *sample
        = importMenu->addAction(tr("S&ample collection"), this, &MainWindow::loadSampleCollection);
    sample->setObjectName(QStringLiteral("loadSampleAction"));
    importMenu->addSeparator();
    QAction *cancel = importMenu->addAction(tr("Cancel &running import"), m_import,
                                            &ImportProgressWidget::cancel);
    cancel->setEnabled(false);
    connect(m_import, &ImportProgressWidget::started, cancel,
            [cancel] { cancel->setEnabled(true); });
    connect(m_import, &ImportProgressWidget::finished, cancel,
            [cancel] { cancel->setEnabled(false); });

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_describeSelectedAction = toolsMenu->addAction(tr("&Describe selected albums"), this, [this] {
        if (!m_descriptions)
            return;
        QJsonArray chosen;
        for (const QModelIndex &index : m_grid->selectionModel()->selectedIndexes())
            chosen.append(index.data(AlbumListModel::AlbumIdRole).toLongLong());
        // Several albums are a job (those described already are left as they are); one is
        // written at once in the details pane, asking first if the text is the person's own.
        if (chosen.size() > 1 && m_imports) {
            m_imports->startImport(QStringLiteral("describe"),
                                   {{QStringLiteral("albums"), chosen}});
        } else if (m_details->albumId() != 0) {
            m_detailsDock->show();
            m_details->descriptionPanel()->generate();
        }
    });
    m_describeSelectedAction->setObjectName(QStringLiteral("describeSelectedAction"));
    m_describeSelectedAction->setShortcut(QKeySequence(tr("Ctrl+Shift+G")));
    m_describeSelectedAction->setEnabled(false);
    m_describeMissingAction
        = toolsMenu->addAction(tr("Describe &albums without a description"), this, [this] {
              if (m_imports)
                  m_imports->startImport(QStringLiteral("describe"), {});
          });
    m_describeMissingAction->setObjectName(QStringLiteral("describeMissingAction"));
    m_describeMissingAction->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    m_describeMissingAction->setToolTip(
        tr("A job in the Jobs panel that asks the AI endpoint for every album without one"));
    m_describeMissingAction->setEnabled(false);
    toolsMenu->addSeparator();
    QAction *fetchCovers = toolsMenu->addAction(tr("&Fetch missing covers"), this, [this] {
        if (m_imports)
            m_imports->startImport(QStringLiteral("covers"), {});
    });
    fetchCovers->setObjectName(QStringLiteral("fetchCoversAction"));
    fetchCovers->setToolTip(tr("A job in the Jobs panel that downloads the cover of every album "
                               "without one"));

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *find = viewMenu->addAction(tr("&Search collection"), QKeySequence::Find, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setObjectName(QStringLiteral("findAction"));
    m_onlineSearchAction = viewMenu->addAction(tr("Search &Online…"), this,
                                               [this] { showOnlineSearch(m_search->text()); });
    m_onlineSearchAction->setObjectName(QStringLiteral("onlineSearchAction"));
    m_onlineSearchAction->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    m_onlineSearchAction->setToolTip(
        tr("Search Spotify, Discogs, MusicBrainz and your collection (Ctrl+Shift+F)"));
    m_onlineSearchAction->setEnabled(false);
    QMenu *sortMenu = viewMenu->addMenu(tr("S&ort by"));
    const std::pair<AlbumSort, QString> sorts[] = {
        {AlbumSort::Artist, tr("&Artist")},
        {AlbumSort::Title, tr("&Title")},
        {AlbumSort::Year, tr("&Year")},
        {AlbumSort::DateAdded, tr("&Date added (newest first)")},
    };
    int shortcutNumber = 1;
    for (const auto &[sort, name] : sorts) {
        QAction *action = sortMenu->addAction(name);
        action->setCheckable(true);
        action->setData(int(sort));
        action->setShortcut(QKeySequence(tr("Ctrl+%1").arg(shortcutNumber++)));
        action->setChecked(sort == m_albums->query().sort);
        m_sortActions->addAction(action);
        m_sortCombo->addItem(QString(name).remove(u'&'), int(sort));
    }
    connect(m_sortActions, &QActionGroup::triggered, this, [this](QAction *action) {
        m_sortCombo->setCurrentIndex(m_sortCombo->findData(action->data()));
    });
    viewMenu->addSeparator();
    QAction *zoomIn = viewMenu->addAction(tr("Zoom &in"), m_grid, &AlbumGridView::zoomIn);
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    viewMenu->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, m_grid, &AlbumGridView::zoomOut);
    viewMenu->addAction(tr("&Reset zoom"), QKeySequence(tr("Ctrl+0")), m_grid,
                        &AlbumGridView::resetZoom);
    viewMenu->addSeparator();
    // An album to show brings back the pane hidden for an empty collection.
    connect(m_details, &DetailsPane::albumShown, this, [this] {
        if (!m_detailsHiddenUntilAlbums)
            return;
        m_detailsHiddenUntilAlbums = false;
        m_detailsDock->show();
    });
    QAction *toggleDetails = m_detailsDock->toggleViewAction();
    // What the person chose wins over hiding the pane for an empty collection.
    connect(toggleDetails, &QAction::triggered, this,
            [this] { m_detailsHiddenUntilAlbums = false; });
    toggleDetails->setText(tr("&Details pane"));
    toggleDetails->setShortcut(QKeySequence(tr("Ctrl+D")));
    viewMenu->addAction(toggleDetails);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *help = helpMenu->addAction(tr("AIME &Help"), QKeySequence::HelpContents, this, [this] {
        showHelp(KeyboardShortcutsDialog::Contents::GuideAndShortcuts);
    });
    help->setObjectName(QStringLiteral("helpAction"));
    QAction *shortcuts = helpMenu->addAction(tr("&Keyboard shortcuts"), this, [this] {
        showHelp(KeyboardShortcutsDialog::Contents::Shortcuts);
    });
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    helpMenu->addSeparator();
    QAction *about = helpMenu->addAction(tr("&About AIME"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);

    // Ctrl+I opens the Import menu from anywhere in the window (a menu title cannot show it;
    // Help > Keyboard shortcuts lists it).
    auto *openImportMenu = new QAction(tr("Open the Import menu"), this);
    openImportMenu->setObjectName(QStringLiteral("openImportMenuAction"));
    openImportMenu->setShortcut(QKeySequence(tr("Ctrl+I")));
    connect(openImportMenu, &QAction::triggered, this,
            [this, importMenu] { menuBar()->setActiveAction(importMenu->menuAction()); });
    addAction(openImportMenu);
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);

    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setAccessibleName(tr("Search collection"));
    m_search->setPlaceholderText(
        tr("Search title, artist, label, genre, track (Ctrl+F; Ctrl+Enter searches online)"));
    enableClearButtonOnceTyped(m_search);
    m_search->setMinimumWidth(360);
    m_search->installEventFilter(this);
    toolBar->addWidget(m_search);
    QAction *online = toolBar->addAction(tr("Search Online"));
    online->setObjectName(QStringLiteral("onlineSearchToolButton"));
    online->setToolTip(m_onlineSearchAction->toolTip());
    connect(online, &QAction::triggered, m_onlineSearchAction, &QAction::trigger);
    connect(m_onlineSearchAction, &QAction::enabledChanged, online, &QAction::setEnabled);
    online->setEnabled(m_onlineSearchAction->isEnabled());

    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    auto *sortLabel = new QLabel(tr("Sort by "), toolBar);
    toolBar->addWidget(sortLabel);
    m_sortCombo->setObjectName(QStringLiteral("sortCombo"));
    m_sortCombo->setAccessibleName(tr("Sort albums by"));
    sortLabel->setBuddy(m_sortCombo);
    toolBar->addWidget(m_sortCombo);
    connect(m_sortCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto sort = AlbumSort(m_sortCombo->itemData(index).toInt());
        for (QAction *action : m_sortActions->actions())
            action->setChecked(action->data().toInt() == int(sort));
        m_albums->setSort(sort);
    });
}

void MainWindow::storeOpened(const StoreStatus &status)
{
    m_storeStatus = status;
    m_storeOpened = true;
    if (status.ok())
        m_albums->reload();
    else
        m_storeMessage->setText(tr("AIME cannot open your collection.\n\n%1").arg(status.message));
    updateCentralPage();
    // A file handed over (or an import asked for) before the store had opened.
    if (!m_pendingCsvFile.isEmpty())
        startCsvImport(std::exchange(m_pendingCsvFile, QString()),
                       std::exchange(m_pendingCsvName, QString()));
}

void MainWindow::openFiles(const QStringList &files)
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
    QStringList csvFiles;
    for (const QString &file : files) {
        if (QFileInfo(file).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
            csvFiles.append(file);
        else
            statusBar()->showMessage(tr("AIME opens Discogs CSV exports; %1 is not one.")
                                         .arg(QFileInfo(file).fileName()),
                                     statusMessageMs);
    }
    if (csvFiles.isEmpty())
        return;
    const QString path = csvFiles.first();
    if (csvFiles.size() > 1)
        statusBar()->showMessage(tr("One import at a time: importing %1; open the others when "
                                    "it has finished.")
                                     .arg(QFileInfo(path).fileName()),
                                 statusMessageMs);
    startCsvImport(path, QFileInfo(path).fileName());
}

void MainWindow::updateCentralPage()
{
    CentralPage page = MessagePage;
    if (m_storeStatus.ok()) {
        // An applied query without a filter that counted no album is an empty collection.
        const bool unfiltered = m_albums->query().filterText.trimmed().isEmpty();
        if (m_albums->rowCount() > 0 || !unfiltered || m_import->isRunning())
            page = GridPage;
        else if (m_albumsShown && m_albums->totalCount() == 0)
            page = EmptyPage;
    }
    m_central->setCurrentIndex(page);
    // An empty collection gets the whole window; the pane comes back with the first album.
    if (page == EmptyPage && m_detailsDock->isVisibleTo(this)) {
        m_detailsDock->hide();
        m_detailsHiddenUntilAlbums = true;
    } else if (page == GridPage && m_detailsHiddenUntilAlbums) {
        m_detailsHiddenUntilAlbums = false;
        m_detailsDock->show();
    }
    const bool hasStore = m_storeStatus.ok();
    m_search->setEnabled(hasStore);
    m_sortCombo->setEnabled(hasStore);
}

void MainWindow::updateCountLabel()
{
    const int total = m_albums->totalCount();
    const QLocale locale;
    const bool filtered = !m_albums->query().filterText.trimmed().isEmpty();
    if (total < 0 || (total == 0 && !filtered))
        m_countLabel->clear();
    else if (!filtered)
        m_countLabel->setText(total == 1 ? tr("1 album")
                                         : tr("%1 albums").arg(locale.toString(total)));
    else if (total == 0)
        m_countLabel->setText(tr("No album matches “%1”").arg(m_search->text()));
    else
        m_countLabel->setText(total == 1 ? tr("1 album matches")
                                         : tr("%1 albums match").arg(locale.toString(total)));
}

void MainWindow::importDiscogsCsv()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import a Discogs collection export"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("Discogs CSV export (*.csv);;All files (*)"));
    if (!path.isEmpty())
        startCsvImport(path, QFileInfo(path).fileName());
}

void MainWindow::loadSampleCollection()
{
    startCsvImport(sampleCollectionPath, tr("the sample collection"));
}

void MainWindow::startCsvImport(const QString &path, const QString &displayName)
{
    if (!m_storeOpened) {
        // A start with a file, or a click in the first moments: it begins once the store is
        // open.
        m_pendingCsvFile = path;
        m_pendingCsvName = displayName;
        statusBar()->showMessage(tr("Opening the collection…"), statusMessageMs);
        return;
    }
    if (!m_storeStatus.ok()) {
        statusBar()->showMessage(tr("The collection is not open; nothing can be imported."),
                                 statusMessageMs);
        return;
    }
    if (!m_import->start(path, displayName)) {
        statusBar()->showMessage(tr("An import is already running; wait for it or cancel it."),
                                 statusMessageMs);
        return;
    }
    updateCentralPage();
}

void MainWindow::importFinished(const QString &displayName, const CsvImportReport &report)
{
    updateCentralPage();
    if (!report.fatalError.isEmpty() || !report.broken.isEmpty()) {
        auto *box = new QMessageBox(
            report.fatalError.isEmpty() ? QMessageBox::Warning : QMessageBox::Critical,
            tr("Import of %1").arg(displayName), report.summary(), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("importReportBox"));
        box->setTextFormat(Qt::PlainText);
        if (!report.broken.isEmpty()) {
            QStringList lines;
            for (const CsvRowError &error : report.broken)
                lines.append(tr("Line %1: %2").arg(error.line).arg(error.reason));
            box->setDetailedText(lines.join(u'\n'));
        }
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    statusBar()->showMessage(tr("Finished importing %1. %2").arg(displayName, report.summary()),
                             statusMessageMs * 2);
}

void MainWindow::exportCollection(const QString &format)
{
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath(QStringLiteral("aime-collection.") + format);
    const QString filter
        = format == QLatin1String("csv") ? tr("CSV files (*.csv)") : tr("JSON files (*.json)");
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export collection"), suggested, filter);
    if (path.isEmpty())
        return;
    const ExportFormat exportFormat = *CollectionExporter::formatFromName(format);
    statusBar()->showMessage(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    auto *watcher = new QFutureWatcher<ExportReport>(this);
    connect(watcher, &QFutureWatcher<ExportReport>::finished, this, [this, watcher, path] {
        const ExportReport report = watcher->result();
        watcher->deleteLater();
        if (report.ok()) {
            statusBar()->showMessage(tr("Exported %n album(s) to %1", nullptr, report.albums)
                                         .arg(QDir::toNativeSeparators(path)),
                                     statusMessageMs);
        } else {
            statusBar()->clearMessage();
            QMessageBox::warning(this, tr("Export failed"), report.error);
        }
    });
    AlbumStore *store = m_store;
    watcher->setFuture(QtConcurrent::run(m_pool, [store, path, exportFormat] {
        return CollectionExporter::exportTo(store, path, exportFormat);
    }));
}

void MainWindow::openCurrentAlbum()
{
    m_detailsDock->show();
    m_detailsDock->raise();
    m_details->showAlbum(m_grid->currentIndex().data(AlbumListModel::AlbumIdRole).toLongLong());
}

void MainWindow::showHelp(KeyboardShortcutsDialog::Contents contents)
{
    auto *dialog = new KeyboardShortcutsDialog(this, contents, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    const QString folder = QFileInfo(m_store->config().databaseName).path();
    const QString link = QStringLiteral("<a href=\"%1\">%2</a>");
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setWindowTitle(tr("About AIME"));
    box->setIconPixmap(QGuiApplication::windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    // Every part that is not AIME's own words (the folder's path) is escaped.
    box->setText(
        tr("<h3>AIME %1</h3><p>Your music album collection as a wall of covers.</p>"
           "<p>Free software under the %2.</p><p>Data folder: %3</p>"
           "<p>Covers and data come from %4, %5, %6 and the %7.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                 link.arg(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html"),
                          tr("GNU General Public License, version 3 or later")),
                 link.arg(QUrl::fromLocalFile(folder).toString().toHtmlEscaped(),
                          QDir::toNativeSeparators(folder).toHtmlEscaped()),
                 link.arg(QStringLiteral("https://open.spotify.com"), QStringLiteral("Spotify")),
                 link.arg(QStringLiteral("https://www.discogs.com"), QStringLiteral("Discogs")),
                 link.arg(QStringLiteral("https://musicbrainz.org"), QStringLiteral("MusicBrainz")),
                 link.arg(QStringLiteral("https://coverartarchive.org"), tr("Cover Art Archive"))));
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setStandardButtons(QMessageBox::Ok);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_detailsHiddenUntilAlbums
        = settings.value(QStringLiteral("window/detailsHiddenUntilAlbums"), false).toBool();
    m_grid->setCoverSize(
        settings.value(QStringLiteral("grid/coverSize"), m_grid->coverSize()).toInt());
    const int sort = settings.value(QStringLiteral("grid/sort"), int(AlbumSort::Artist)).toInt();
    const int index = m_sortCombo->findData(sort);
    if (index >= 0)
        m_sortCombo->setCurrentIndex(index);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/detailsHiddenUntilAlbums"),
                      m_detailsHiddenUntilAlbums);
    settings.setValue(QStringLiteral("grid/coverSize"), m_grid->coverSize());
    settings.setValue(QStringLiteral("grid/sort"), int(m_albums->query().sort));
    const qint64 current = m_grid->currentIndex().data(AlbumListModel::AlbumIdRole).toLongLong();
    if (current > 0)
        settings.setValue(QStringLiteral("grid/currentAlbum"), current);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Ctrl+Enter takes what was typed to the online search.
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ControlModifier) && m_searchDock) {
            showOnlineSearch(m_search->text());
            return true;
        }
    }
    if (watched == m_search && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape
        && !m_search->text().isEmpty()) {
        m_search->clear();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Running imports stop as interrupted and save their state first (five seconds at most);
    // the window closes when they have.
    if (m_imports && m_imports->runningCount() > 0 && !m_shutdownDone) {
        event->ignore();
        statusBar()->showMessage(tr("Stopping the imports; they go on at the next start…"));
        m_imports->shutdown([this] {
            m_shutdownDone = true;
            close();
        });
        return;
    }
    m_import->cancel();
    saveSettings();
    event->accept();
}

} // namespace aime
