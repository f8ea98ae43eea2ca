#include "parsertesting.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringView>
#include <QTest>

namespace aime {

char *toString(const Track &track)
{
    return QTest::toString(QStringLiteral("disc %1 #%2 \"%3\" %4 ms")
                               .arg(QString::number(track.disc), QString::number(track.position),
                                    track.title, QString::number(track.durationMs)));
}

} // namespace aime

namespace aime::testing {

namespace {

// The node with value set at path; an undefined value removes the key.
QJsonValue withEdit(const QJsonValue &node, QStringView path, const QJsonValue &value)
{
    if (path.startsWith(u'[')) {
        const qsizetype close = path.indexOf(u']');
        const qsizetype index = path.mid(1, close - 1).toInt();
        QStringView rest = path.mid(close + 1);
        if (rest.startsWith(u'.'))
            rest = rest.mid(1);
        QJsonArray array = node.toArray();
        if (!rest.isEmpty())
            array[index] = withEdit(array.at(index), rest, value);
        else if (value.isUndefined())
            array.removeAt(index);
        else
            array[index] = value;
        return array;
    }
    qsizetype end = 0;
    while (end < path.size() && path.at(end) != u'.' && path.at(end) != u'[')
        ++end;
    const QString key = path.left(end).toString();
    QStringView rest = path.mid(end);
    if (rest.startsWith(u'.'))
        rest = rest.mid(1);
    QJsonObject object = node.toObject();
    if (!rest.isEmpty())
        object[key] = withEdit(object.value(key), rest, value);
    else if (value.isUndefined())
        object.remove(key);
    else
        object[key] = value;
    return object;
}

} // namespace

QString fixturePath(QLatin1String provider, const QString &name)
{
    return qEnvironmentVariable("AIME_FIXTURES") + u'/' + provider + u'/' + name;
}

QByteArray fixture(QLatin1String provider, const QString &name)
{
    QFile file(fixturePath(provider, name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray edited(const QByteArray &json, const QString &path, const QJsonValue &value)
{
    const QJsonValue root = QJsonDocument::fromJson(json).object();
    return QJsonDocument(withEdit(root, path, value).toObject()).toJson(QJsonDocument::Compact);
}

QByteArray removed(const QByteArray &json, const QString &path)
{
    return edited(json, path, QJsonValue(QJsonValue::Undefined));
}

void verifyRejected(const ParseOutcome &outcome, const QString &subject, const QString &fragment)
{
    QVERIFY2(!outcome.ok, "a hostile body was accepted");
    QVERIFY2(outcome.error.startsWith(subject + QLatin1String(": ")), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(fragment), qPrintable(outcome.error));
    QVERIFY2(outcome.error.size() < 1000, "an error message must stay readable");
}

} // namespace aime::testing
