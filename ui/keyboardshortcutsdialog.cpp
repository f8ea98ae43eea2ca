#include "keyboardshortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace aime {

namespace {

QString plainText(const QAction *action)
{
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    QString text = action->text();
    text.remove(mnemonic);
    text.remove(QChar(0x2026));
    return text.trimmed();
}

void collect(const QList<QAction *> &actions, const QString &menu, QTreeWidget *tree,
             QSet<const QAction *> &seen)
{
    for (QAction *action : actions) {
        if (action->isSeparator() || seen.contains(action))
            continue;
        seen.insert(action);
        if (QMenu *submenu = action->menu()) {
            collect(submenu->actions(),
                    menu.isEmpty() ? plainText(action)
                                   : menu + QStringLiteral(" › ") + plainText(action),
                    tree, seen);
            continue;
        }
        const QList<QKeySequence> shortcuts = action->shortcuts();
        QStringList keys;
        for (const QKeySequence &shortcut : shortcuts) {
            const QString key = shortcut.toString(QKeySequence::NativeText);
            if (!key.isEmpty() && !keys.contains(key))
                keys.append(key);
        }
        if (keys.isEmpty())
            continue;
        const QString name = action->text().isEmpty() ? action->toolTip() : plainText(action);
        auto *item
            = new QTreeWidgetItem(tree,
                                  {menu.isEmpty() ? name : menu + QStringLiteral(" › ") + name,
                                   keys.join(QStringLiteral(", "))});
        item->setData(1, Qt::AccessibleTextRole, keys.join(QStringLiteral(", ")));
    }
}

} // namespace

KeyboardShortcutsDialog::KeyboardShortcutsDialog(QWidget *window, Contents contents,
                                                 QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    setWindowTitle(contents == Contents::GuideAndShortcuts ? tr("AIME Help")
                                                           : tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    if (contents == Contents::GuideAndShortcuts) {
        auto *guide = new QLabel(
            tr("Fill your collection from the Import menu (Ctrl+I): your Spotify saved albums, "
               "your Discogs collection, a Discogs CSV export, or the sample collection. Imports "
               "run in the background; the Jobs panel (Ctrl+J) shows them.\n\n"
               "Type in the search box (Ctrl+F) to filter the collection. Search Online "
               "(Ctrl+Shift+F) asks Spotify, Discogs and MusicBrainz at once.\n\n"
               "Select an album to see its details, its cover and its description. Accounts, "
               "covers and the AI endpoint are in Preferences (Ctrl+,)."),
            this);
        guide->setObjectName(QStringLiteral("helpGuide"));
        guide->setWordWrap(true);
        guide->setTextFormat(Qt::PlainText);
        layout->addWidget(guide);
    }
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("shortcutList"));
    tree->setAccessibleName(tr("Keyboard shortcuts"));
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    QSet<const QAction *> seen;
    if (auto *main = qobject_cast<QMainWindow *>(window))
        collect(main->menuBar()->actions(), {}, tree, seen);
    collect(window->actions(), {}, tree, seen);
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree->sortItems(0, Qt::AscendingOrder);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(tree);
    layout->addWidget(buttons);
    resize(560, 560);
}

} // namespace aime
