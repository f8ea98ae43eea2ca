#pragma once

#include <QString>

#include <cstddef>

namespace aime::fakes {

// What the fakes generate their catalogues with: the same albums on every run and every
// machine, from nothing but an index (std::mt19937 and qHash are not stable across runs or
// platforms for this purpose).
class Dice
{
public:
    static constexpr quint64 GoldenGamma = 0x9e3779b97f4a7c15;
    static constexpr quint64 MixMul1 = 0xbf58476d1ce4e5b9;
    static constexpr quint64 MixMul2 = 0x94d049bb133111eb;

    // splitmix64's mixing: small, well mixed, and a bijection (FakeMusicBrainz inverts it so an
    // MBID carries the index it was made from).
    static constexpr quint64 mix(quint64 x)
    {
        x += GoldenGamma;
        x = (x ^ (x >> 30)) * MixMul1;
        x = (x ^ (x >> 27)) * MixMul2;
        return x ^ (x >> 31);
    }

    // FNV-1a over UTF-8: a stable hash of a name, for ids derived from names.
    static quint64 hash(const QString &value);

    explicit Dice(quint64 seed) : m_state(seed) { }

    int below(int n) { return int((m_state = mix(m_state)) % quint64(n)); }
    bool chance(int inN) { return below(inN) == 0; }
    template<typename T, std::size_t N> QString pick(const T (&pool)[N])
    {
        return QString::fromUtf8(pool[below(int(N))]);
    }
    template<typename T, std::size_t N> const T &pickItem(const T (&pool)[N])
    {
        return pool[below(int(N))];
    }

private:
    quint64 m_state;
};

} // namespace aime::fakes
