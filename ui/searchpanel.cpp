#include "searchpanel.h"

#include "lineeditclearbutton.h"
#include "searchresultdelegate.h"
#include "searchresultmodel.h"
#include "titlefirstcolumns.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace aime {

SearchPanel::SearchPanel(SearchResultModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_query(new QLineEdit(this)),
      m_view(new QTreeView(this)),
      m_delegate(new SearchResultDelegate(this)),
      m_add(new QPushButton(tr("&Add to collection"), this)),
      m_open(new QPushButton(tr("&Open page"), this)),
      m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("searchPanel"));
    m_query->setObjectName(QStringLiteral("onlineSearchQuery"));
    m_query->setAccessibleName(tr("Search online"));
    m_query->setPlaceholderText(tr("Search Spotify, Discogs, MusicBrainz and your collection"));
    enableClearButtonOnceTyped(m_query);
    m_query->installEventFilter(this);

    m_view->setObjectName(QStringLiteral("onlineSearchResults"));
    m_view->setAccessibleName(tr("Online search results"));
    m_view->setModel(model);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformRowHeights(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setExpandsOnDoubleClick(false);
    m_view->installEventFilter(this);
    QList<int> widths(SearchResultModel::ColumnCount, 0);
    widths[SearchResultModel::ArtistColumn] = 180;
    widths[SearchResultModel::YearColumn] = 56;
    widths[SearchResultModel::FormatColumn] = 130;
    widths[SearchResultModel::ProvidersColumn] = 150;
    widths[SearchResultModel::StatusColumn] = 110;
    new TitleFirstColumns(m_view, SearchResultModel::TitleColumn, widths,
                          QStringLiteral("searchOnline/columnWidths"));

    m_add->setObjectName(QStringLiteral("addToCollectionButton"));
    m_add->setToolTip(tr("Import the selected album with its tracks (Enter)"));
    m_open->setObjectName(QStringLiteral("openPageButton"));
    m_open->setToolTip(tr("Open the album's page at its provider"));
    m_summary->setObjectName(QStringLiteral("onlineSearchSummary"));
    m_summary->setTextFormat(Qt::PlainText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { m_model->search(m_query->text()); });
    connect(m_query, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        m_model->search(m_query->text());
    });

    // The spinner turns only while something is searching.
    m_spinner.setInterval(80);
    connect(&m_spinner, &QTimer::timeout, this, [this] {
        m_delegate->setSpinnerFrame(++m_spinnerFrame);
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex group = m_model->index(row, 0);
            if (SearchState(group.data(SearchResultModel::StateRole).toInt())
                == SearchState::Searching)
                m_view->update(group);
        }
    });
    connect(model, &SearchResultModel::searchStarted, this, [this] { m_spinner.start(); });
    connect(model, &SearchResultModel::searchFinished, this, [this] {
        m_spinner.stop();
        updateSummary();
    });
    connect(model, &SearchResultModel::providerChanged, this, &SearchPanel::updateSummary);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_model->isSearching())
            m_spinner.stop();
        spanGroups();
        m_view->expandAll();
        updateSummary();
        updateButtons();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent) { m_view->expand(parent); });
    connect(model, &QAbstractItemModel::dataChanged, this, &SearchPanel::updateButtons);
    connect(model, &SearchResultModel::albumAdded, this,
            [this](qint64) { Q_EMIT message(tr("Added to your collection.")); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SearchPanel::updateButtons);
    // Not activated(): some styles activate on a single click, and a click only selects.
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!m_model->isGroup(index))
            activate(index);
    });
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        if (m_model->isGroup(index)
            && SearchState(index.data(SearchResultModel::StateRole).toInt())
                == SearchState::NotConfigured)
            Q_EMIT preferencesRequested();
    });
    connect(m_add, &QPushButton::clicked, this, &SearchPanel::addCurrent);
    connect(m_open, &QPushButton::clicked, this, &SearchPanel::openCurrentPage);

    setFocusProxy(m_query);
    spanGroups();
    updateButtons();
    updateSummary();
}

void SearchPanel::search(const QString &text)
{
    m_query->setText(text);
    m_debounce.stop();
    m_model->search(text);
}

void SearchPanel::spanGroups()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_view->setFirstColumnSpanned(row, QModelIndex(), true);
}

void SearchPanel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_model->isGroup(index)) {
        if (SearchState(index.data(SearchResultModel::StateRole).toInt())
            == SearchState::NotConfigured)
            Q_EMIT preferencesRequested();
        return;
    }
    const qint64 albumId = index.data(SearchResultModel::CollectionAlbumIdRole).toLongLong();
    if (albumId != 0) {
        Q_EMIT albumRequested(albumId);
        return;
    }
    addCurrent();
}

void SearchPanel::addCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    QString why;
    if (m_model->addToCollection(current, &why))
        Q_EMIT message(tr("Adding \u201c%1\u201d to your collection…")
                           .arg(current.data(SearchResultModel::TitleRole).toString()));
    else
        Q_EMIT message(why);
    updateButtons();
}

void SearchPanel::openCurrentPage()
{
    const QList<SearchHit> entries = m_model->entries(m_view->currentIndex());
    for (const SearchHit &entry : entries) {
        const QUrl url(entry.url());
        if (url.isValid() && !url.isEmpty()) {
            QDesktopServices::openUrl(url);
            return;
        }
    }
}

void SearchPanel::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool result = current.isValid() && !m_model->isGroup(current);
    const bool inCollection = current.data(SearchResultModel::InCollectionRole).toBool();
    const auto addState
        = SearchResultModel::AddState(current.data(SearchResultModel::AddStateRole).toInt());
    m_add->setEnabled(result && current.data(SearchResultModel::CanAddRole).toBool());
    m_add->setText(inCollection ? tr("In collection")
                       : addState == SearchResultModel::AddState::Adding
                       ? tr("Adding…")
                       : tr("&Add to collection"));
    bool hasPage = false;
    for (const SearchHit &entry : m_model->entries(current))
        hasPage = hasPage || !entry.url().isEmpty();
    m_open->setEnabled(result && hasPage);
}

void SearchPanel::updateSummary()
{
    if (m_model->query().isEmpty()) {
        m_summary->setText(tr("Type what you are looking for; Enter searches at once."));
        return;
    }
    int waiting = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (SearchState(m_model->index(row, 0).data(SearchResultModel::StateRole).toInt())
            == SearchState::Searching)
            ++waiting;
    }
    const int results = m_model->resultCount();
    const QString albums = results == 1 ? tr("1 album") : tr("%1 albums").arg(results);
    if (waiting == 0)
        m_summary->setText(tr("%1 found.").arg(albums));
    else if (waiting == 1)
        m_summary->setText(tr("%1 so far; waiting for 1 provider…").arg(albums));
    else
        m_summary->setText(tr("%1 so far; waiting for %2 providers…").arg(albums).arg(waiting));
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_query && key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
        // From the query straight to the first result.
        QModelIndex first = m_model->index(0, 0);
        for (int group = 0; group < m_model->rowCount(); ++group) {
            const QModelIndex result = m_model->index(0, 0, m_model->index(group, 0));
            if (result.isValid()) {
                first = result;
                break;
            }
        }
        m_view->setFocus(Qt::TabFocusReason);
        m_view->setCurrentIndex(first);
        return true;
    }
    if (watched == m_view && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        activate(m_view->currentIndex());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace aime
