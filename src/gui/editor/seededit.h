#pragma once

#include <QWidget>

// A ComfyUI seed: any integer from 0 to 18446744073709551615 (2^64-1), kept as its digits,
// never through a double or a 32-bit spin box. Beside the number: what happens to it after
// each run (fixed, random, increment), like ComfyUI's "control after generate".
class SeedEdit : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Fixed, Random, Increment };
    Q_ENUM(Mode)

    explicit SeedEdit(QWidget *parent = nullptr);
    ~SeedEdit() override;

    // The digits as shown ("0" .. "18446744073709551615"). setText refuses anything that is
    // not such a number (returns false, keeps the old value).
    QString text() const;
    bool setText(const QString &digits);
    // Limits from /object_info (defaults 0 .. 2^64-1), as digits.
    void setRange(const QString &minimum, const QString &maximum);

    Mode mode() const;
    void setMode(Mode mode);

    // Applies the mode once, as after a run: Fixed keeps the value, Random picks a new one
    // in range, Increment adds 1 (wrapping to the minimum past the maximum). Emits
    // textChanged when the value changes.
    void advance();

Q_SIGNALS:
    void textChanged(const QString &digits);
    void modeChanged(SeedEdit::Mode mode);

private:
    class Private;
    Private *d;
};
