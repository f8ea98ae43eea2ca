#pragma once

#include "domain/album.h"
#include "providers/parseresult.h"

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1String>
#include <QMetaType>
#include <QString>

Q_DECLARE_METATYPE(aime::Track)

namespace aime {

// Found by QCOMPARE through argument-dependent lookup, so a failing track comparison shows values.
char *toString(const Track &track);

} // namespace aime

// Helpers for the provider parser tests: fixtures under $AIME_FIXTURES/<provider>/, edits of a
// realistic body, and the outcome of a parser as one type whatever it returns.
namespace aime::testing {

QString fixturePath(QLatin1String provider, const QString &name);
// Empty when the fixture cannot be read; every test checks for that before using it.
QByteArray fixture(QLatin1String provider, const QString &name);

// The body with value set at a path such as "media[1].tracks[4].title", written compact; removed()
// takes the key out. Each hostile case is then one readable edit of a realistic body.
QByteArray edited(const QByteArray &json, const QString &path, const QJsonValue &value);
QByteArray removed(const QByteArray &json, const QString &path);

struct ParseOutcome
{
    bool ok = false;
    QString error;
};

template<typename Result> ParseOutcome outcomeOf(const Result &result)
{
    return ParseOutcome {result.ok(), result.error};
}

// What a client's `done` callback was given, for the client tests.
template<typename T> struct ClientOutcome
{
    bool called = false;
    aime::ParseResult<T> result;
};

// The checks every hostile body must pass: refused, with a message that starts with the
// parser's subject and ": ", holds fragment and stays readable.
void verifyRejected(const ParseOutcome &outcome, const QString &subject, const QString &fragment);

} // namespace aime::testing
