#include "aimeapplication.h"
#include "albumgridview.h"
#include "mainwindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace aime;

// Screen readers and keyboard users (issue 8): every control a person can reach has a name a
// screen reader can say, and Tab reaches the grid and each panel.
class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyControlHasAnAccessibleName();
    void tabReachesTheGridAndEveryPanel();
    void dialogsHaveAccessibleNames_data();
    void dialogsHaveAccessibleNames();

private:
    // The controls under root, visible and reachable, that a screen reader could not name;
    // controls counts the ones checked.
    static QStringList unnamedControls(const QWidget *root, int *controls);
    static bool isControl(const QWidget *widget);
    static QString spokenName(const QWidget *widget);
    static QString describe(const QWidget *widget);
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

bool TestAccessibility::isControl(const QWidget *widget)
{
    return qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QLineEdit *>(widget)
        || qobject_cast<const QComboBox *>(widget)
        || qobject_cast<const QAbstractItemView *>(widget)
        || qobject_cast<const QAbstractSpinBox *>(widget) || qobject_cast<const QTextEdit *>(widget)
        || qobject_cast<const QPlainTextEdit *>(widget);
}

QString TestAccessibility::spokenName(const QWidget *widget)
{
    if (!widget->accessibleName().isEmpty())
        return widget->accessibleName();
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget)) {
        if (!button->text().remove(u'&').trimmed().isEmpty())
            return button->text();
        if (!button->toolTip().isEmpty())
            return button->toolTip(); // what a screen reader falls back to for an icon button
    }
    // A label whose buddy is the widget names it.
    const QWidget *window = widget->window();
    const QList<QLabel *> labels = window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->buddy() == widget && !label->text().isEmpty())
            return label->text();
    }
    return {};
}

QString TestAccessibility::describe(const QWidget *widget)
{
    QStringList path;
    for (const QObject *object = widget; object; object = object->parent())
        path.prepend(QStringLiteral("%1(%2)").arg(
            QString::fromLatin1(object->metaObject()->className()), object->objectName()));
    return path.join(QStringLiteral(" > "));
}

QStringList TestAccessibility::unnamedControls(const QWidget *root, int *controls)
{
    QStringList unnamed;
    for (QWidget *widget : root->findChildren<QWidget *>()) {
        if (!isControl(widget) || !widget->isVisibleTo(root)
            || widget->focusPolicy() == Qt::NoFocus)
            continue;
        // Parts Qt builds inside its own widgets (a combo box's line edit, a spin box's
        // editor, a dock's float button) are named by their owner.
        if (widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<QLineEdit *>(widget)
            && (qobject_cast<QComboBox *>(widget->parentWidget())
                || qobject_cast<QAbstractSpinBox *>(widget->parentWidget())))
            continue;
        ++*controls;
        if (spokenName(widget).trimmed().isEmpty())
            unnamed.append(describe(widget));
    }
    return unnamed;
}

void TestAccessibility::everyControlHasAnAccessibleName()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // Every panel open, so their controls are in the tree and visible.
    for (QDockWidget *dock : window->findChildren<QDockWidget *>())
        dock->show();
    QTest::qWait(0);

    int controls = 0;
    const QStringList unnamed = unnamedControls(window, &controls);
    QVERIFY2(controls >= 10, qPrintable(QString::number(controls)));
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
}

void TestAccessibility::tabReachesTheGridAndEveryPanel()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    for (QDockWidget *dock : window->findChildren<QDockWidget *>())
        dock->show();
    // The grid is shown once the collection has an album; the sample has plenty.
    auto *sample = window->findChild<QAbstractButton *>(QStringLiteral("loadSampleButton"));
    QVERIFY(sample);
    QTRY_VERIFY(sample->isVisible());
    QTest::mouseClick(sample, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->isVisible(), 30000);

    QSet<QString> reached;
    window->activateWindow();
    QWidget *start = window->findChild<QWidget *>(QStringLiteral("searchBox"));
    QVERIFY(start);
    start->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(start->hasFocus());
    const QStringList wanted {QStringLiteral("albumGrid"), QStringLiteral("detailsDock"),
                              QStringLiteral("jobsDock"), QStringLiteral("searchDock")};
    for (int step = 0; step < 80 && reached.size() < wanted.size(); ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        for (QObject *object = QApplication::focusWidget(); object; object = object->parent()) {
            if (wanted.contains(object->objectName()))
                reached.insert(object->objectName());
        }
    }
    for (const QString &name : wanted)
        QVERIFY2(reached.contains(name),
                 qPrintable(name + QStringLiteral(" is not reached by Tab")));
}

void TestAccessibility::dialogsHaveAccessibleNames_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("dialogClass");
    QTest::newRow("Preferences") << QStringLiteral("preferencesAction")
                                 << QStringLiteral("aime::PreferencesDialog");
    QTest::newRow("Keyboard shortcuts") << QStringLiteral("keyboardShortcutsAction")
                                        << QStringLiteral("aime::KeyboardShortcutsDialog");
    QTest::newRow("Help") << QStringLiteral("helpAction")
                          << QStringLiteral("aime::KeyboardShortcutsDialog");
    QTest::newRow("About") << QStringLiteral("aboutAction") << QStringLiteral("QMessageBox");
}

// Every dialog a menu opens, and every page of it: its controls have names too.
void TestAccessibility::dialogsHaveAccessibleNames()
{
    QFETCH(QString, action);
    QFETCH(QString, dialogClass);
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    app.start();
    MainWindow *window = app.mainWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *trigger = window->findChild<QAction *>(action);
    QVERIFY(trigger);
    QTRY_VERIFY(trigger->isEnabled());
    trigger->trigger();

    QDialog *dialog = nullptr;
    const auto findDialog = [&] {
        for (QDialog *candidate : window->findChildren<QDialog *>()) {
            if (candidate->isVisible()
                && QLatin1String(candidate->metaObject()->className()) == dialogClass)
                dialog = candidate;
        }
        return dialog != nullptr;
    };
    QTRY_VERIFY(findDialog());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY2(!dialog->windowTitle().isEmpty(), "a dialog without a title");

    // Each page of each tab widget in turn, so hidden pages are walked too.
    QList<QTabWidget *> tabs = dialog->findChildren<QTabWidget *>();
    QStringList unnamed;
    int controls = 0;
    int pages = 0;
    if (tabs.isEmpty()) {
        unnamed = unnamedControls(dialog, &controls);
        pages = 1;
    }
    for (QTabWidget *tab : tabs) {
        for (int page = 0; page < tab->count(); ++page) {
            tab->setCurrentIndex(page);
            QVERIFY2(!tab->tabText(page).remove(u'&').trimmed().isEmpty(), "an unnamed tab");
            unnamed += unnamedControls(dialog, &controls);
            ++pages;
        }
    }
    unnamed.removeDuplicates();
    QVERIFY(pages >= 1);
    QVERIFY2(controls >= 1, qPrintable(QString::number(controls)));
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    dialog->close();
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
