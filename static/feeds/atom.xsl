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
        <xsl:if test="/atom:feed/atom:link[@rel='stylesheet']">
          <link rel="stylesheet" href="{/atom:feed/atom:link[@rel='stylesheet']/@href}"/>
        </xsl:if>
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
