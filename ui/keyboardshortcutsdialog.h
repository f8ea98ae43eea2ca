#pragma once

#include <QDialog>

class QWidget;

namespace aime {

// Help > Keyboard shortcuts, and Help > AIME Help (F1) with a short guide above them: every
// action of the window that has a shortcut, read from the actions themselves (menus and the
// window's own), so the list cannot drift from the code.
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Contents { Shortcuts, GuideAndShortcuts };
    KeyboardShortcutsDialog(QWidget *window, Contents contents, QWidget *parent = nullptr);
};

} // namespace aime
