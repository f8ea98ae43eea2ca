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
    int others = 0;
    for (int column = 0; column < m_preferred.size(); ++column)
        others += column == m_titleColumn ? 0 : m_preferred.at(column);
    const int titleAtLeast = int(available * titleShare);
    const double scale = others > 0 && available - others < titleAtLeast
        ? double(available - titleAtLeast) / others
        : 1.0;
    m_applying = true;
    int used = 0;
    for (int column = 0; column < m_preferred.size(); ++column) {
        if (column == m_titleColumn)
            continue;
        const int width
            = qMax(header->minimumSectionSize(), int(m_preferred.at(column) * qMax(scale, 0.0)));
        header->resizeSection(column, width);
        used += width;
    }
    header->resizeSection(m_titleColumn, qMax(header->minimumSectionSize(), available - used));
    m_applying = false;
}

} // namespace aime
