#include "aimeapplication.h"
#include "albumgridview.h"
#include "mainwindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStandardPaths>
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

private:
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

    QStringList unnamed;
    int controls = 0;
    for (QWidget *widget : window->findChildren<QWidget *>()) {
        if (!isControl(widget) || !widget->isVisibleTo(window)
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
        ++controls;
        if (spokenName(widget).trimmed().isEmpty())
            unnamed.append(describe(widget));
    }
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

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
