#include "jobspanel.h"

#include "import/importmanager.h"
#include "importjobmodel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace aime {

namespace {

// The progress column as a progress bar with the counts written on it.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const int permille = index.data(ImportJobModel::ProgressPermilleRole).toInt();
        const auto state = JobState(index.data(ImportJobModel::StateRole).toInt());
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        // A running job without a total yet shows a busy bar.
        const bool busy = permille < 0 && state == JobState::Running;
        bar.maximum = busy ? 0 : 1000;
        bar.progress = qMax(0, permille);
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        if (option.state & QStyle::State_Selected)
            painter->fillRect(option.rect, option.palette.highlight());
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(160, 24));
    }
};

} // namespace

JobsPanel::JobsPanel(ImportManager *manager, ImportJobModel *model, QWidget *parent)
    : QWidget(parent),
      m_manager(manager),
      m_model(model),
      m_view(new QTableView(this)),
      m_cancel(new QPushButton(tr("&Cancel"), this)),
      m_retry(new QPushButton(tr("&Retry"), this)),
      m_remove(new QPushButton(tr("Re&move"), this)),
      m_resumeAll(new QPushButton(tr("Resume &interrupted"), this))
{
    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("jobsTable"));
    m_view->setAccessibleName(tr("Import jobs"));
    m_view->setItemDelegateForColumn(ImportJobModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(26);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(ImportJobModel::ImportColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ImportJobModel::StateColumn, QHeaderView::Interactive);
    header->resizeSection(ImportJobModel::StateColumn, 180);
    header->resizeSection(ImportJobModel::ProgressColumn, 180);
    header->setSectionResizeMode(ImportJobModel::PhaseColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ImportJobModel::ElapsedColumn, QHeaderView::ResizeToContents);

    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_retry->setObjectName(QStringLiteral("retryJobButton"));
    m_remove->setObjectName(QStringLiteral("removeJobButton"));
    m_cancel->setToolTip(tr("Stop the selected import; what it stored stays."));
    m_retry->setToolTip(tr("Go on with the selected import from where it stopped."));
    m_remove->setToolTip(tr("Remove the finished import from this list; its albums stay."));
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_manager->cancel(selectedJob()); });
    connect(m_retry, &QPushButton::clicked, this, [this] { m_manager->retry(selectedJob()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_manager->remove(selectedJob()); });
    connect(m_resumeAll, &QPushButton::clicked, m_manager, &ImportManager::resumeInterrupted);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_resumeAll);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &JobsPanel::updateButtons);
    updateButtons();
}

qint64 JobsPanel::selectedJob() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ImportJobModel::JobIdRole).toLongLong();
}

void JobsPanel::focusJob(qint64 id)
{
    const QModelIndex row = m_model->indexOfJob(id);
    if (!row.isValid())
        return;
    m_view->selectRow(row.row());
    m_view->scrollTo(row);
}

void JobsPanel::updateButtons()
{
    const std::optional<ImportJobRecord> record = m_manager->record(selectedJob());
    const bool active
        = record && (record->state == JobState::Running || record->state == JobState::Queued);
    m_cancel->setEnabled(active);
    m_retry->setEnabled(record && record->canResume() && !active);
    m_remove->setEnabled(record && !active);
    bool interrupted = false;
    for (const ImportJobRecord &known : m_manager->jobs())
        interrupted = interrupted || known.state == JobState::Interrupted;
    m_resumeAll->setVisible(interrupted);
}

} // namespace aime
