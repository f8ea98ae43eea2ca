#include "aimeapplication.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// The UI in German, chosen by the system locale (LC_ALL/LANGUAGE set before the application
// starts, as a German desktop session does): every menu entry is translated.
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void germanIsShipped();
    void everyMenuEntryIsTranslated();

private:
    // Every menu entry of a freshly built main window, depth first, with its menu path.
    static QStringList menuTexts();
    static void collect(const QList<QAction *> &actions, const QString &path, QStringList &texts);
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTranslations::germanIsShipped()
{
    QVERIFY2(Translations::available().contains(QStringLiteral("de")),
             qPrintable(Translations::available().join(u',')));
    QCOMPARE(QLocale::system().language(), QLocale::German);
}

void TestTranslations::collect(const QList<QAction *> &actions, const QString &path,
                               QStringList &texts)
{
    for (QAction *action : actions) {
        if (action->isSeparator() || action->text().isEmpty())
            continue;
        texts.append(path + action->text());
        if (QMenu *menu = action->menu())
            collect(menu->actions(), path + action->text() + QStringLiteral(" > "), texts);
    }
}

QStringList TestTranslations::menuTexts()
{
    QTemporaryDir dir;
    AimeApplication app(dir.path());
    QStringList texts;
    collect(app.mainWindow()->menuBar()->actions(), {}, texts);
    return texts;
}

void TestTranslations::everyMenuEntryIsTranslated()
{
    const QStringList english = menuTexts();
    QVERIFY2(english.size() > 25, qPrintable(QString::number(english.size())));

    const QString language = Translations::install(qApp);
    QVERIFY2(language.startsWith(QStringLiteral("de")), qPrintable(language));
    const QStringList german = menuTexts();
    QCOMPARE(german.size(), english.size());

    // The last part of each path (the entry itself) must differ from English; a mnemonic or an
    // ellipsis alone does not make a translation.
    const auto entry = [](const QString &path) {
        QString text = path.section(QStringLiteral(" > "), -1);
        return text.remove(u'&').remove(QChar(0x2026)).trimmed();
    };
    QStringList untranslated;
    for (qsizetype i = 0; i < english.size(); ++i) {
        if (entry(german.at(i)) == entry(english.at(i)))
            untranslated.append(english.at(i));
    }
    // Names that are the same in German: the sort keys and the provider-named entries are
    // checked by their neighbours.
    static const QRegularExpression sameInGerman(QStringLiteral("^(JSON|CSV)$"));
    untranslated.removeIf(
        [&](const QString &path) { return sameInGerman.match(entry(path)).hasMatch(); });
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral("\n"))));
}

int main(int argc, char *argv[])
{
    // Before the application reads the locale, as a German session's environment would be.
    qputenv("LC_ALL", "de_DE.UTF-8");
    qputenv("LANGUAGE", "de");
    qputenv("LANG", "de_DE.UTF-8");
    QApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
