#pragma once

#include <QString>
#include <QStringList>

// The input/, output/ and temp/ folders of the simulated ComfyUI, with its path rules.
class SimStorage final
{
public:
    void setRoot(const QString &root);
    QString root() const { return m_root; }
    // "input", "output", "temp"; anything else: empty string.
    QString directoryForType(const QString &type) const;
    // Files LoadImage can offer (input/, recursively, relative paths, sorted).
    QStringList inputFiles() const;
    // Resolves "name.png [output]"-style annotated names like ComfyUI; empty if unsafe.
    QString annotatedInputPath(const QString &name) const;
    // ComfyUI's get_save_image_path counter: the next free <prefix>_NNNNN_ number.
    static int nextCounter(const QString &folder, const QString &baseName);
    // True when `path` lies inside `dir` (after normalisation).
    static bool isInside(const QString &dir, const QString &path);
    void clearTemp() const;

private:
    QString m_root;
};
