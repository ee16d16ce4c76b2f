// A Netlify build plugin of this repository (netlify.toml, [[plugins]]): keeps the picture cache
// between builds, so that a deploy encodes only new or changed pictures (docs/deploying.md).
//
// The build keeps every picture's AVIF, WebP and JPEG files in .cache/pictures, beside the
// content folder, by content hash; an entry is complete or absent, so any copy of the folder
// is safe to reuse. Netlify gives plugins its cache utility (`utils.cache`), which keeps a
// folder in the site's build cache. "Clear cache and deploy site" in Netlify's UI empties it.

/** The build's default picture cache (BuildOptions.PictureCache), relative to the repository. */
const PICTURES = '.cache/pictures';

module.exports = {
  async onPreBuild({ utils }) {
    // Copied back (not moved), so that a failed build leaves the cache as it was.
    const restored = await utils.cache.restore(PICTURES);
    console.log(restored
      ? `picture-cache: restored ${PICTURES} from the build cache`
      : `picture-cache: no ${PICTURES} in the build cache yet; this build encodes every picture`);
  },

  async onPostBuild({ utils }) {
    // After a good build only: moved into the build cache, as nothing reads it once the site is built.
    const saved = await utils.cache.save(PICTURES, { move: true });
    console.log(saved ? `picture-cache: saved ${PICTURES} to the build cache` : `picture-cache: no ${PICTURES} to save`);
  },
};
