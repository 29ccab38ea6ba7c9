step:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 27                          jb short 0x00000000000000FD
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 21                          jb short 0x00000000000000FD
      dc:  89 ff                          mov edi,edi
      de:  89 f8                          mov eax,edi
      e0:  c1 e0 0d                       shl eax,0xD
      e3:  48 31 c7                       xor rdi,rax
      e6:  48 89 f8                       mov rax,rdi
      e9:  48 c1 f8 11                    sar rax,0x11
      ed:  48 31 c7                       xor rdi,rax
      f0:  89 f8                          mov eax,edi
      f2:  c1 e0 05                       shl eax,5
      f5:  48 31 f8                       xor rax,rdi
      f8:  49 83 c6 01                    add r14,1
      fc:  c3                             ret
      fd:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     105:  e9 69 ff ff ff                 jmp 0x0000000000000073

