#include "searchresultdelegate.h"

#include "coverplaceholder.h"
#include "searchresultmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace aime {

namespace {

constexpr int margin = 6;
constexpr int spinnerSize = 14;

QColor chipColour(SearchState state, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (state) {
    case SearchState::Done:
        return dark ? QColor(60, 140, 80) : QColor(46, 125, 50);
    case SearchState::Timeout:
        return dark ? QColor(190, 130, 30) : QColor(180, 105, 0);
    case SearchState::Failed:
        return dark ? QColor(200, 70, 70) : QColor(198, 40, 40);
    case SearchState::NotConfigured:
    case SearchState::Searching:
        break;
    }
    return palette.color(QPalette::Mid);
}

void paintSpinner(QPainter *painter, const QRectF &rect, int frame, const QColor &colour)
{
    painter->save();
    QPen pen(colour, 2.0);
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    const int start = -(frame % 12) * 30 * 16;
    painter->drawArc(rect.adjusted(1, 1, -1, -1), start, 270 * 16);
    painter->restore();
}

} // namespace

SearchResultDelegate::SearchResultDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(SearchResultModel::IsGroupRole).toBool())
        size.setHeight(qMax(size.height(), option.fontMetrics.height() + 2 * margin + 4));
    else
        size.setHeight(qMax(size.height(), thumbnailSize + 2 * 3));
    if (index.column() == SearchResultModel::TitleColumn
        && !index.data(SearchResultModel::IsGroupRole).toBool())
        size.setWidth(size.width() + thumbnailSize + margin);
    return size;
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    if (index.data(SearchResultModel::IsGroupRole).toBool()) {
        paintGroup(painter, option, index);
        return;
    }
    if (index.column() == SearchResultModel::TitleColumn) {
        paintTitle(painter, option, index);
        return;
    }
    if (index.column() == SearchResultModel::StatusColumn
        && index.data(SearchResultModel::InCollectionRole).toBool()) {
        paintBadge(painter, option, index);
        return;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

void SearchResultDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect area = opt.rect.adjusted(margin, 0, -margin, 0);
    const QString name = index.data(Qt::DisplayRole).toString();
    const QFontMetrics boldMetrics(bold);
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignLeft, name);
    int x = area.left() + boldMetrics.horizontalAdvance(name) + 2 * margin;

    const auto state = SearchState(index.data(SearchResultModel::StateRole).toInt());
    const QString chip = index.data(SearchResultModel::StateTextRole).toString();
    const QFontMetrics metrics(opt.font);
    painter->setFont(opt.font);
    if (state == SearchState::Searching) {
        const QRectF spinner(x, area.center().y() - spinnerSize / 2.0, spinnerSize, spinnerSize);
        paintSpinner(painter, spinner, m_spinnerFrame, text);
        x += spinnerSize + margin;
    }
    const int chipHeight = metrics.height() + 4;
    const QRect chipRect(x, area.center().y() - chipHeight / 2,
                         metrics.horizontalAdvance(chip) + 2 * margin + 2, chipHeight);
    const QColor colour = chipColour(state, palette);
    QPainterPath path;
    path.addRoundedRect(chipRect, chipHeight / 2.0, chipHeight / 2.0);
    QColor fill = colour;
    fill.setAlpha(state == SearchState::Searching || state == SearchState::NotConfigured ? 60
                                                                                         : 220);
    painter->fillPath(path, fill);
    painter->setPen(state == SearchState::Searching || state == SearchState::NotConfigured
                        ? text
                        : QColor(Qt::white));
    painter->drawText(chipRect, Qt::AlignCenter, chip);
    x = chipRect.right() + 2 * margin;

    // What to do about it, in the row's remaining width; a person can click a "not configured"
    // row to open Preferences > Accounts.
    const QString message = index.data(SearchResultModel::MessageRole).toString();
    if (!message.isEmpty() && x < area.right()) {
        QFont link = opt.font;
        link.setUnderline(state == SearchState::NotConfigured);
        painter->setFont(link);
        painter->setPen(state == SearchState::NotConfigured
                            ? palette.color(QPalette::Link)
                            : palette.color(QPalette::PlaceholderText));
        const QRect messageRect(x, area.top(), area.right() - x, area.height());
        painter->drawText(
            messageRect, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetrics(link).elidedText(message, Qt::ElideRight, messageRect.width()));
    }
    painter->restore();
}

void SearchResultDelegate::paintTitle(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    const QString title = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect thumb(opt.rect.left() + 2, opt.rect.center().y() - thumbnailSize / 2, thumbnailSize,
                      thumbnailSize);
    CoverPlaceholder::paint(painter, thumb,
                            index.data(SearchResultModel::ArtistNameRole).toString(),
                            index.data(SearchResultModel::TitleRole).toString());
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect textRect(thumb.right() + margin, opt.rect.top(),
                         opt.rect.right() - thumb.right() - margin, opt.rect.height());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      opt.fontMetrics.elidedText(title, Qt::ElideRight, textRect.width()));
    painter->restore();
}

void SearchResultDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int height = opt.fontMetrics.height() + 4;
    const QRect badge(opt.rect.left() + margin, opt.rect.center().y() - height / 2,
                      opt.fontMetrics.horizontalAdvance(text) + 2 * margin, height);
    QPainterPath path;
    path.addRoundedRect(badge, 4, 4);
    // On a selected row the badge turns inside out, or it would vanish into the selection.
    const bool selected = opt.state & QStyle::State_Selected;
    painter->fillPath(
        path, opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->setPen(opt.palette.color(selected ? QPalette::Highlight : QPalette::HighlightedText));
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace aime
