using SaferCity.Core.Pipeline;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>Calls <paramref name="act"/> when the publisher's upload pass (its second pass over the files) reaches <paramref name="path"/>.</summary>
internal sealed class OnUploadPass(IReadOnlyList<SiteFile> files, string path, Action act) : IReadOnlyList<SiteFile>
{
    private int passes;

    public SiteFile this[int index] => files[index];

    public int Count => files.Count;

    public IEnumerator<SiteFile> GetEnumerator()
    {
        var pass = ++passes;
        foreach (var file in files)
        {
            if (pass == 2 && file.Path == path) act();
            yield return file;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
