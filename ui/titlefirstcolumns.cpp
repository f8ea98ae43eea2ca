#include "titlefirstcolumns.h"

#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QTreeView>

namespace aime {

TitleFirstColumns::TitleFirstColumns(QTreeView *view, int titleColumn, QList<int> defaultWidths,
                                     QString settingsKey)
    : QObject(view),
      m_view(view),
      m_titleColumn(titleColumn),
      m_preferred(std::move(defaultWidths)),
      m_settingsKey(std::move(settingsKey))
{
    const QList<QVariant> saved = QSettings().value(m_settingsKey).toList();
    if (saved.size() == m_preferred.size()) {
        for (int column = 0; column < m_preferred.size(); ++column) {
            const int width = saved.at(column).toInt();
            if (width > 0)
                m_preferred[column] = width;
        }
    }
    QHeaderView *header = view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    connect(header, &QHeaderView::sectionResized, this, [this](int column, int, int width) {
        if (!m_applying)
            remember(column, width);
    });
    m_viewport = view->viewport();
    m_viewport->installEventFilter(this);
    apply();
}

bool TitleFirstColumns::eventFilter(QObject *watched, QEvent *event)
{
    // Compared by address only: the view may be half destroyed when its viewport's last events
    // come by.
    if (watched == m_viewport && event->type() == QEvent::Resize)
        apply();
    return QObject::eventFilter(watched, event);
}

void TitleFirstColumns::remember(int column, int width)
{
    if (column == m_titleColumn || column < 0 || column >= m_preferred.size())
        return;
    m_preferred[column] = width;
    QList<QVariant> saved;
    for (const int preferred : std::as_const(m_preferred))
        saved.append(preferred);
    QSettings().setValue(m_settingsKey, saved);
    apply();
}

void TitleFirstColumns::apply()
{
    QHeaderView *header = m_view->header();
    const int available = m_view->viewport()->width();
    if (available <= 0)
        return;
    // A column gives way no further than its header's text: "Year" must still show 1971.
    QList<int> floors(m_preferred.size(), 0);
    for (int column = 0; column < m_preferred.size(); ++column) {
        const QString label = m_view->model()
            ? m_view->model()->headerData(column, Qt::Horizontal).toString()
            : QString();
        const int text = header->fontMetrics().horizontalAdvance(label + QStringLiteral("00"));
        floors[column] = qMin(m_preferred.at(column), qMax(header->minimumSectionSize(), text));
    }
    // The other columns share what the title leaves, in proportion to their widths; one that
    // reaches its floor stays there and the rest share what remains.
    const int budget = available - int(available * titleShare);
    QList<int> widths = m_preferred;
    QList<bool> atFloor(m_preferred.size(), false);
    for (int round = 0; round < m_preferred.size(); ++round) {
        int fixed = 0;
        int flexible = 0;
        for (int column = 0; column < m_preferred.size(); ++column) {
            if (column == m_titleColumn)
                continue;
            if (atFloor.at(column))
                fixed += floors.at(column);
            else
                flexible += m_preferred.at(column);
        }
        const double scale
            = flexible > 0 ? qBound(0.0, double(budget - fixed) / flexible, 1.0) : 1.0;
        bool settled = true;
        for (int column = 0; column < m_preferred.size(); ++column) {
            if (column == m_titleColumn || atFloor.at(column))
                continue;
            widths[column] = int(m_preferred.at(column) * scale);
            if (widths.at(column) < floors.at(column)) {
                atFloor[column] = true;
                widths[column] = floors.at(column);
                settled = false;
            }
        }
        if (settled)
            break;
    }
    m_applying = true;
    int used = 0;
    for (int column = 0; column < m_preferred.size(); ++column) {
        if (column == m_titleColumn)
            continue;
        const int width = atFloor.at(column) ? floors.at(column) : widths.at(column);
        header->resizeSection(column, width);
        used += width;
    }
    header->resizeSection(m_titleColumn, qMax(header->minimumSectionSize(), available - used));
    m_applying = false;
}

} // namespace aime
