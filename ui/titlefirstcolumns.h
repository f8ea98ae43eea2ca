#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTreeView;

namespace aime {

// Lays out a results table so the title, what people read first, always keeps a fair share of
// the width: the other columns have the widths the person gave them (remembered in QSettings
// under settingsKey) or their defaults, and give way proportionally when the view is too narrow
// for all of them; the title takes the rest.
class TitleFirstColumns : public QObject
{
    Q_OBJECT

public:
    // defaultWidths: one per column; the title column's entry is ignored.
    TitleFirstColumns(QTreeView *view, int titleColumn, QList<int> defaultWidths,
                      QString settingsKey);

    // The least share of the view's width the title keeps while other columns can give way.
    static constexpr double titleShare = 0.4;
    QList<int> preferredWidths() const { return m_preferred; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void remember(int column, int width);

    QTreeView *m_view;
    QObject *m_viewport;
    int m_titleColumn;
    QList<int> m_preferred;
    QString m_settingsKey;
    bool m_applying = false;
};

} // namespace aime
