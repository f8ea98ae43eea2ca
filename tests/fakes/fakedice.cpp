#include "fakedice.h"

namespace aime::fakes {

quint64 Dice::hash(const QString &value)
{
    quint64 hash = 0xcbf29ce484222325;
    for (const char c : value.toUtf8()) {
        hash ^= quint8(c);
        hash *= 0x100000001b3;
    }
    return hash;
}

} // namespace aime::fakes
