<?xml version="1.0" encoding="utf-8"?>
<!-- How a browser shows one of the desk's Atom feeds: a page that says what a feed is, how
     to follow it and where the other feeds are, then the entries. Feed readers ignore this
     stylesheet and read the Atom itself. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:variable name="follow" select="/atom:feed/atom:link[@rel='related']/@href"/>
  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="/atom:feed/atom:title"/> (feed)</title>
        <style>
          body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; background: #f6f7f9; }
          main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          .about { background: #ffffff; border: 1px solid #c9d1da; border-left: 6px solid #1d4f91; border-radius: 6px; padding: 1rem 1.25rem; }
          .about h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
          .about p { margin: 0.5rem 0; }
          .address { display: block; width: 100%; box-sizing: border-box; font: 0.9375rem ui-monospace, Menlo, Consolas, monospace; padding: 0.45rem 0.55rem; border: 1px solid #77808a; border-radius: 4px; background: #fbfcfd; overflow-wrap: anywhere; }
          a { color: #1d4f91; }
          h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
          ol { list-style: none; padding: 0; margin: 0; }
          li { padding: 0.9rem 0; border-bottom: 1px solid #dde2e8; }
          li h3 { font-size: 1.1rem; margin: 0 0 0.2rem; }
          .when { font-size: 0.875rem; color: #59636e; margin: 0 0 0.25rem; }
          .summary { margin: 0; }
        </style>
      </head>
      <body>
        <main>
          <section class="about" aria-labelledby="about-title">
            <h1 id="about-title"><xsl:value-of select="/atom:feed/atom:title"/></h1>
            <p><strong>This is a feed</strong>: an address a feed reader checks for you. Paste it into a feed reader (NetNewsWire, Feedly, Thunderbird, Inoreader…) and each new entry reaches you there, with no account and no email.</p>
            <p><span class="address"><xsl:value-of select="$self"/></span></p>
            <xsl:if test="$follow">
              <p><a href="{$follow}">All our feeds, ready to copy, on the Follow page</a></p>
            </xsl:if>
          </section>
          <h2>Latest entries</h2>
          <p><xsl:value-of select="/atom:feed/atom:subtitle"/></p>
          <ol>
            <xsl:for-each select="/atom:feed/atom:entry">
              <li>
                <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
                <p class="when"><xsl:value-of select="substring(atom:published, 1, 10)"/><xsl:if test="atom:author/atom:name"> · <xsl:value-of select="atom:author/atom:name"/></xsl:if></p>
                <p class="summary"><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
          <xsl:if test="not(/atom:feed/atom:entry)"><p>Nothing has been published in this feed yet.</p></xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
